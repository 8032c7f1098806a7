/**
 * The site's `compare.html` in the browser: compares any two (or more) published runs with no
 * server. The page's URL names their report folders (`compare.html?runs=a,b`, or `#runs=a,b`);
 * each folder's `compare-data.js`, then the chunk files it names (compare-data-1.js, …: see
 * src/render/compare/compareChunks.ts), are loaded with script elements (a page opened from `file://`
 * may load scripts of its own site but not fetch files) and merged, then the shared comparison core and
 * section renderer (src/render/compare/compareCore.ts, compareSections.ts) draw the same sections as the
 * page `curi-report compare` writes. Bundled into `templates/assets/compare.js` by
 * scripts/bundle-browser.mjs; it may import only browser-safe modules.
 */
import {
  chunkCount,
  chunkHref,
  chunkProblem,
  mergeCompareData,
  type CompareDataChunk,
} from "../render/compare/compareChunks.js";
import { compareChunkFile, REPORT_PATHS } from "../render/router/reportPaths.js";
import { compareData, type RunCompareData } from "../render/compare/compareCore.js";
import { COMPARE_DATA_VERSION, readableCompareVersion } from "../render/formats/compareDataVersion.js";
import { comparisonSections } from "../render/compare/compareSections.js";
import { compactSide } from "../render/compare/compareSides.js";
import { MAX_COMPARED_RUNS, RENDERED_EVENT } from "./contract.js";

declare global {
  interface Window {
    curiCompareData?: Record<string, RunCompareData>;
    /** Chunks of each report folder's data, by number (see compareChunks.ts). */
    curiCompareChunks?: Record<string, Record<number, unknown>>;
  }
}

/** Report folders named by the URL that the site lists (`data-reports`); anything else is ignored. */
export function pickedFolders(search: string, hash: string, known: ReadonlySet<string>): string[] {
  const param =
    new URLSearchParams(search).get("runs") ?? new URLSearchParams(hash.replace(/^#/, "")).get("runs") ?? "";
  const names = param
    .split(",")
    .filter((n) => known.has(n) && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(n) && !n.includes(".."));
  return [...new Set(names)].slice(0, MAX_COMPARED_RUNS);
}

/** Loads the script `file` of report `folder` (a name this page built itself, at `href` in the folder); rejects with a message for the reader. */
function loadScript(folder: string, file: string, href = file): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = `${encodeURIComponent(folder)}/${href}`;
    script.onload = () => resolve();
    script.onerror = () =>
      reject(new Error(`${folder}/${file} could not be loaded; rebuild that report with this curi-report version.`));
    document.head.appendChild(script);
  });
}

/** Counts data files as they load, for the status line. */
interface Progress {
  expected: number;
  loaded: number;
  readonly show: () => void;
}

/** Loads one report's data: its main file, then its chunks, merged; rejects with a message for the reader. */
async function loadData(folder: string, progress: Progress): Promise<RunCompareData> {
  await loadScript(folder, REPORT_PATHS.compareData);
  const main = window.curiCompareData?.[folder];
  const count = main !== undefined && readableCompareVersion(main.version) ? chunkCount(main) : null;
  if (main === undefined || count === null)
    throw new Error(
      `${folder}/${REPORT_PATHS.compareData} holds no comparison data of version ${COMPARE_DATA_VERSION}; rebuild the site with this curi-report version.`,
    );
  progress.loaded++;
  progress.expected += count;
  progress.show();
  const numbers = Array.from({ length: count }, (_, i) => i + 1);
  const chunks = await Promise.all(
    numbers.map(async (k): Promise<CompareDataChunk> => {
      await loadScript(folder, compareChunkFile(k), chunkHref(main, k));
      const chunk = window.curiCompareChunks?.[folder]?.[k];
      const problem = chunkProblem(chunk, main, k);
      if (problem !== null)
        throw new Error(
          `${folder}/${compareChunkFile(k)} ${problem}; rebuild that report with this curi-report version.`,
        );
      progress.loaded++;
      progress.show();
      return chunk as CompareDataChunk;
    }),
  );
  // The merged data is all the page needs: let the parts go (a 50,000-record run's are megabytes).
  delete window.curiCompareChunks?.[folder];
  return mergeCompareData(main, chunks);
}

/** Shows `message` in the page's status line. */
function say(status: HTMLElement, message: string): void {
  status.textContent = message;
  status.hidden = false;
}

async function start(): Promise<void> {
  const app = document.getElementById("compare-app");
  const status = document.getElementById("compare-status");
  if (app === null || status === null) return;
  const known = new Set((app.getAttribute("data-reports") ?? "").split(" ").filter((n) => n !== ""));
  const folders = pickedFolders(location.search, location.hash, known);
  if (folders.length < 2) {
    say(
      status,
      "Name two runs of this site to compare, e.g. compare.html?runs=<report folder>,<report folder>, or tick two runs in an experiment's runs table on the index.",
    );
    return;
  }
  // Once a file failed, the files still loading must not write over its message.
  let failed = false;
  const progress: Progress = {
    expected: folders.length,
    loaded: 0,
    show: () => {
      if (!failed)
        say(status, `Loading ${folders.length} runs… (${progress.loaded} of ${progress.expected} data files)`);
    },
  };
  say(status, `Loading ${folders.length} runs…`);
  try {
    const runs = await Promise.all(folders.map((f) => loadData(f, progress)));
    const c = compareData(runs);
    app.innerHTML = comparisonSections(c, {
      runHref: (i) => `${encodeURIComponent(folders[i] ?? "")}/${REPORT_PATHS.page}`,
      side: (r, i) => compactSide(`${encodeURIComponent(folders[i] ?? "")}/`, r),
    });
    document.title = `Comparison: ${c.labels.join(" vs ")}`;
    status.hidden = true;
    // report.js (loaded first) makes the new tables sortable and filterable, as on the other pages.
    document.dispatchEvent(new CustomEvent(RENDERED_EVENT, { detail: app }));
  } catch (error) {
    failed = true;
    say(status, error instanceof Error ? error.message : String(error));
  }
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => void start());
  else void start();
}
