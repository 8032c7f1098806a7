/**
 * The traceback of an error as run.json records it (stage_info[].traceback, run_info.traceback),
 * in the spirit of Python's: the error line, then the frames of the user's code. Frames inside Node
 * (`node:…`) and inside this runtime (src/record, or dist/src/record when installed) say nothing
 * the user can act on and change with every Node release, so they are left out; files inside the
 * run's root are named relative to it, so a run folder names no machine path it does not need.
 * The error line names the error's class, as describeError does (`class X extends Error {}` keeps
 * the name "Error" in its stack).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";

/** How tracebacks are written. */
export interface TracebackOptions {
  /** Paths are shown relative to this folder (the run's root). */
  readonly root: string;
  /** Keep each frame's `(file:line:column)`; false keeps function names only (reproducible fixtures). */
  readonly locations: boolean;
}

/** Longest traceback kept (a deep recursion's stack runs to thousands of lines). */
const MAX_TRACEBACK_CHARS = 20_000;

/** This runtime's own folder: its frames are left out. */
const RUNTIME_DIR = path.dirname(fileURLToPath(import.meta.url));

/** The traceback of `error`, or null when it carries no stack. */
export function tracebackOf(error: unknown, options: TracebackOptions): string | null {
  if (!(error instanceof Error) || typeof error.stack !== "string" || error.stack === "") return null;
  const lines = error.stack.split("\n");
  const firstFrame = lines.findIndex((line) => /^\s+at /.test(line));
  const head = firstFrame < 0 ? lines : lines.slice(0, firstFrame);
  const className = error.constructor.name;
  if (error.name === "Error" && className !== "" && className !== "Error" && head[0]?.startsWith("Error"))
    head[0] = `${className}${head[0].slice("Error".length)}`;
  const frames = firstFrame < 0 ? [] : lines.slice(firstFrame);
  const kept = frames.filter((frame) => !isInternal(frame)).map((frame) => shownFrame(frame, options));
  const text = [...head, ...kept].join("\n");
  return text.length <= MAX_TRACEBACK_CHARS ? text : `${text.slice(0, MAX_TRACEBACK_CHARS)}\n    … (traceback cut)`;
}

/** True for a frame in Node itself or in this runtime. */
function isInternal(frame: string): boolean {
  if (/\(node:|at node:|\(<anonymous>\)$/.test(frame)) return true;
  const file = frameFile(frame);
  return file !== null && file.startsWith(RUNTIME_DIR + path.sep);
}

/** The absolute file a frame names, or null. */
function frameFile(frame: string): string | null {
  const location = /\(?((?:file:\/\/)?\/[^():]+):\d+:\d+\)?$/.exec(frame)?.[1];
  if (location === undefined) return null;
  return location.startsWith("file://") ? fileURLToPath(location) : location;
}

/** A frame with its path relative to the root, or with no location at all. */
function shownFrame(frame: string, options: TracebackOptions): string {
  const match = /^(\s+at )(.*?)\s*\(?((?:file:\/\/)?\/[^()]+?)(:\d+:\d+)\)?$/.exec(frame);
  if (match === null) return frame;
  const [, at, name, file, position] = match as unknown as [string, string, string, string, string];
  const absolute = file.startsWith("file://") ? fileURLToPath(file) : file;
  const relative = path.relative(options.root, absolute);
  const inside = relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
  const where = `${inside ? relative.split(path.sep).join("/") : absolute}${position}`;
  if (!options.locations) return `${at}${name === "" || name === "async" ? `${name} <anonymous>`.trim() : name}`;
  return name === "" ? `${at}${where}` : `${at}${name} (${where})`;
}
