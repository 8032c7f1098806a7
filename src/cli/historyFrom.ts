/**
 * `--history-from <url | file>`: the history of a site published elsewhere, for a build whose site
 * folder starts empty (a GitHub Pages artifact deployment replaces the whole site, so each CI run
 * carries the published history.json forward). A URL is fetched (http or https only, bounded like
 * the file), a file is read; either is checked against the history format before it is used. A URL
 * that answers 404 has no history yet: the build starts one.
 */
import { readFile, stat } from "node:fs/promises";
import { HISTORY_FORMAT, MAX_HISTORY_BYTES, readHistoryText, type History } from "../render/formats/history.js";
import { InputNotFoundError, UsageError } from "../util/errors.js";
import { displayPath, resolveArg, warn, type CliIo } from "./io.js";

/** How long a fetch of the published history may take before the build gives up on it (a network bound, not a test's). */
const FETCH_TIMEOUT_MS = 60_000;

/** The history `source` names, or null when a URL has none yet (404). Throws naming the source when it cannot be used. */
export async function historyFrom(source: string, io: CliIo): Promise<History | null> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return historyFromUrl(source, io);
  const file = resolveArg(io, source);
  const info = await stat(file).catch(() => undefined);
  if (info === undefined || !info.isFile())
    throw new InputNotFoundError(
      `--history-from ${displayPath(io, file)}: no such file; pass the site's history.json or its URL.`,
    );
  if (info.size > MAX_HISTORY_BYTES)
    throw new InputNotFoundError(`--history-from ${displayPath(io, file)} is over ${MAX_HISTORY_BYTES} bytes.`);
  return readHistoryText(await readFile(file, "utf8"), displayPath(io, file));
}

/** Fetches and reads the history at `url`. */
async function historyFromUrl(url: string, io: CliIo): Promise<History | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--history-from ${url} is not a URL; pass http(s)://…/${HISTORY_FORMAT.name} or a file.`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw new UsageError(`--history-from ${url}: only http and https URLs are fetched; pass a file otherwise.`);
  let response: Response;
  try {
    response = await fetch(parsed, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: "follow" });
  } catch (error) {
    throw new InputNotFoundError(
      `--history-from ${url} could not be fetched (${error instanceof Error ? error.message : String(error)}); check the URL, or leave the option out to start a new history.`,
      { cause: error },
    );
  }
  if (response.status === 404) {
    await response.body?.cancel();
    warn(io, `curi-report: no history at ${url} yet (404): this build starts a new one.`);
    return null;
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new InputNotFoundError(
      `--history-from ${url} answered ${response.status} ${response.statusText}; check the URL, or leave the option out to start a new history.`,
    );
  }
  return readHistoryText(await boundedText(response, url), url);
}

/** The body of `response` as text, refused past MAX_HISTORY_BYTES without reading further. */
async function boundedText(response: Response, url: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (next === undefined || next.done) break;
    size += next.value.byteLength;
    if (size > MAX_HISTORY_BYTES) {
      await reader?.cancel();
      throw new InputNotFoundError(`--history-from ${url} is over ${MAX_HISTORY_BYTES} bytes, so it was not read.`);
    }
    chunks.push(next.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
