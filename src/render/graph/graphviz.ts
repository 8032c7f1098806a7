/**
 * Graph layout with Graphviz compiled to WebAssembly (`@hpcc-js/wasm-graphviz`): no `dot` binary
 * to install, the same bytes on every machine. Graphviz only places things: it returns positions
 * as JSON (graphLayout.ts reads them), and graphDraw.ts draws the SVG. The module loads once per
 * process; graphs are laid out one after another in that one instance (worker threads gave no
 * speedup on 2 cores).
 * The package itself (800 KB of JavaScript carrying the compressed WebAssembly) is imported at
 * the first layout, not with this file: a report whose map is collapsed, or any command that lays
 * nothing out, never parses it.
 */
import type { Graphviz } from "@hpcc-js/wasm-graphviz";
import { setFlagsFromString } from "node:v8";
import { CuriError } from "../../util/errors.js";
import { renderCaches } from "../renderCaches.js";

/** Graphviz could not lay a graph out; the message names the graph and the DOT problem. */
export class GraphLayoutError extends CuriError {}

let loading: Promise<Graphviz> | null = null;

let fastStart = false;

/**
 * Asks for Graphviz's WebAssembly to run on V8's baseline compiler only (the build command does). A
 * build lays out at most one small map per report with Graphviz (big maps and record graphs are
 * drawn without it), and V8's optimizing tier spent ~0.1 s recompiling Graphviz before the first
 * map was done, where the baseline code lays a small map out in a few milliseconds. `curi-report
 * dag` on a huge graph keeps the optimizing tier. The flag is set when Graphviz loads, not before:
 * a V8 flag changed in a process makes the V8 code cache it writes (src/cli/launch.ts) useless to
 * the next process, and a rerun whose layouts are cached never loads Graphviz.
 */
export function preferFastGraphvizStart(): void {
  fastStart = true;
}

/** The process's one Graphviz instance (loading takes ~50–85 ms, so it is cached). */
export function loadGraphviz(): Promise<Graphviz> {
  if (!loading) {
    // Set before Graphviz loads: it compiles its WebAssembly on first use.
    if (fastStart) setFlagsFromString("--liftoff-only");
    loading = import("@hpcc-js/wasm-graphviz")
      .then(({ Graphviz }) => Graphviz.load())
      .catch((error: unknown) => {
        loading = null;
        throw new GraphLayoutError(
          `Graphviz (WebAssembly) could not be loaded: ${String(error)}; reinstall @hpcc-js/wasm-graphviz`,
          { cause: error },
        );
      });
  }
  return loading;
}

/** Drops the process's Graphviz instance and loads a new one, with a fresh WebAssembly memory. */
async function freshGraphviz(): Promise<Graphviz> {
  const { Graphviz } = await import("@hpcc-js/wasm-graphviz");
  Graphviz.unload();
  loading = null;
  return loadGraphviz();
}

/** How many layouts Graphviz itself made in this process (not those found in the layout cache). */
export function graphvizLayoutCount(): number {
  return laidOut;
}

let laidOut = 0;

/**
 * Lays `dot` out with the `dot` engine and returns Graphviz's `json` output (positions of every
 * node, cluster, edge and label). Throws `GraphLayoutError` naming `title` on a syntax error, and
 * also when graphviz reports an error it otherwise swallows. With the render caches on, a layout
 * of the same DOT made before (by this or an earlier process) is taken from the cache, and
 * Graphviz is not even loaded: its output is the same bytes for the same DOT.
 */
export function layoutJson(dot: string, title: string): Promise<string> {
  const cache = renderCaches().layouts;
  return cache === null ? graphvizLayout(dot, title) : cache.throughAsync(dot, () => graphvizLayout(dot, title));
}

/** {@link layoutJson} by Graphviz itself. */
async function graphvizLayout(dot: string, title: string): Promise<string> {
  laidOut++;
  let graphviz = await loadGraphviz();
  let json: string;
  try {
    json = graphviz.layout(dot, "json", "dot");
  } catch {
    // A WebAssembly trap ("table index is out of bounds", "null function or function signature
    // mismatch") can come from state an earlier, successful layout left behind (an empty `<td>` in
    // one graph broke the next graph whose label starts with an empty line). So the instance is
    // dropped, and the graph laid out again in a fresh one; a real DOT error fails there too.
    graphviz = await freshGraphviz();
    try {
      json = graphviz.layout(dot, "json", "dot");
    } catch (error) {
      throw layoutError(dot, title, error instanceof Error ? error.message : String(error), error);
    }
  }
  const reported = lastError(graphviz);
  if (reported) throw layoutError(dot, title, reported, undefined);
  return json;
}

/**
 * Graphviz's own error text for the last layout ("" when none). The wrapper only surfaces it when
 * layout produced nothing, so read it through the module (not in the public typings; absent → "").
 */
function lastError(graphviz: Graphviz): string {
  const module = (graphviz as unknown as { _module?: { CGraphviz?: { lastError?: () => string } } })._module;
  const read = module?.CGraphviz?.lastError;
  return typeof read === "function" ? read.call(module?.CGraphviz).trim() : "";
}

/** An error naming the graph, graphviz's message, and the DOT line it points at. */
function layoutError(dot: string, title: string, message: string, cause: unknown): GraphLayoutError {
  const lineNo = /\bline (\d+)\b/.exec(message);
  let where = "";
  if (lineNo) {
    const line = dot.split("\n")[Number(lineNo[1]) - 1];
    if (line !== undefined) where = ` (DOT line ${lineNo[1]}: ${line.trim().slice(0, 200)})`;
  }
  return new GraphLayoutError(
    `Graphviz could not lay out "${title}": ${message.trim()}${where}`,
    cause === undefined ? undefined : { cause },
  );
}
