/**
 * The site's `compare.html` in the browser: compares any two (or more) published runs with no
 * server. The page's URL names their report folders (`compare.html?runs=a,b`, or `#runs=a,b`);
 * each folder's `compare-data.js` is loaded with a script element (a page opened from `file://`
 * may load scripts of its own site but not fetch files), then the shared comparison core and
 * section renderer (src/render/compareCore.ts, compareSections.ts) draw the same sections as the
 * page `curi-report compare` writes. Bundled into `templates/assets/compare.js` by
 * scripts/bundle-browser.mjs; it may import only browser-safe modules.
 */
import { COMPARE_DATA_VERSION, compareData, type RunCompareData } from "../render/compareCore.js";
import { comparisonSections } from "../render/compareSections.js";
import { compactSide } from "../render/compareSides.js";

/** Keep in sync with COMPARE_DATA_FILE in src/render/compareData.ts. */
const DATA_FILE = "compare-data.js";

/** Most runs compared at once (each is one more column). Keep in sync with comparePicker in templates/assets/report.js. */
const MAX_RUNS = 6;

declare global {
  interface Window {
    curiCompareData?: Record<string, RunCompareData>;
  }
}

/** Report folders named by the URL that the site lists (`data-reports`); anything else is ignored. */
export function pickedFolders(search: string, hash: string, known: ReadonlySet<string>): string[] {
  const param = new URLSearchParams(search).get("runs") ?? new URLSearchParams(hash.replace(/^#/, "")).get("runs") ?? "";
  const names = param.split(",").filter((n) => known.has(n) && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(n) && !n.includes(".."));
  return [...new Set(names)].slice(0, MAX_RUNS);
}

/** Loads one report's data file; resolves with its data, rejects with a message for the reader. */
function loadData(folder: string): Promise<RunCompareData> {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = `${encodeURIComponent(folder)}/${DATA_FILE}`;
    script.onload = () => {
      const data = window.curiCompareData?.[folder];
      if (data === undefined || data.version !== COMPARE_DATA_VERSION) reject(new Error(`${folder}/${DATA_FILE} holds no comparison data of version ${COMPARE_DATA_VERSION}; rebuild the site with this curi-report version.`));
      else resolve(data);
    };
    script.onerror = () => reject(new Error(`${folder}/${DATA_FILE} could not be loaded; rebuild that report with this curi-report version.`));
    document.head.appendChild(script);
  });
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
    say(status, "Name two runs of this site to compare, e.g. compare.html?runs=<report folder>,<report folder>, or tick two runs in an experiment's runs table on the index.");
    return;
  }
  say(status, `Loading ${folders.length} runs…`);
  try {
    const runs = await Promise.all(folders.map(loadData));
    const c = compareData(runs);
    app.innerHTML = comparisonSections(c, {
      runHref: (i) => `${encodeURIComponent(folders[i] ?? "")}/index.html`,
      side: (r, i) => compactSide(`${encodeURIComponent(folders[i] ?? "")}/`, r),
    });
    document.title = `Comparison: ${c.labels.join(" vs ")}`;
    status.hidden = true;
    // report.js (loaded first) makes the new tables sortable and filterable, as on the other pages.
    document.dispatchEvent(new CustomEvent("curi:rendered", { detail: app }));
  } catch (error) {
    say(status, error instanceof Error ? error.message : String(error));
  }
}

if (typeof document !== "undefined") {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => void start());
  else void start();
}
