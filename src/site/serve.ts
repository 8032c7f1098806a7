/**
 * A tiny static server for previewing a site over HTTP (`curi-report serve`): correct content
 * types with a charset (curifactory's `http.server` preview showed mojibake, B6), folders served
 * by their index.html, and nothing outside the served folder, whatever the URL says. It answers
 * only requests addressed to it by a name of this machine (see `allowedHosts`): a web page open in
 * the browser could otherwise point its own host name at 127.0.0.1 (DNS rebinding) and read every
 * report as same-origin.
 */
import { createReadStream } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { isIP, type AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { FOLDER_PAGE } from "../render/router.js";
import { InputNotFoundError, OutputError, UsageError } from "../util/errors.js";
import { isInside } from "./safeOutputPath.js";

/** Content types by extension; text types carry a charset so UTF-8 shows as written. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml; charset=utf-8",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".txt": "text/plain; charset=utf-8",
  ".log": "text/plain; charset=utf-8",
  ".gv": "text/plain; charset=utf-8",
  ".dot": "text/plain; charset=utf-8",
  ".mmd": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".tex": "text/plain; charset=utf-8",
};

/** Options of `serveReports`. */
export interface ServeOptions {
  /** Port to listen on; 0 picks a free one. */
  readonly port: number;
  /** Interface to listen on (default `127.0.0.1`: not reachable from other machines). */
  readonly host?: string;
}

/** A running server. */
export interface RunningServer {
  /** `http://host:port/` of the served folder. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/** Serves `dir` over HTTP; resolves once listening. */
export async function serveReports(dir: string, options: ServeOptions): Promise<RunningServer> {
  const root = await realpath(path.resolve(dir)).catch((error: unknown) => {
    throw new InputNotFoundError(
      `${dir} does not exist; build a report first (curi-report <run folder>) or pass the folder to serve.`,
      { cause: error },
    );
  });
  if (!(await stat(root)).isDirectory())
    throw new InputNotFoundError(`${dir} is not a folder; pass the folder that holds the reports.`);
  const host = options.host ?? "127.0.0.1";
  let hosts = new Set<string>();
  const server = createServer((req, res) => {
    if (!hosts.has((req.headers.host ?? "").toLowerCase()))
      return send(
        res,
        421,
        `Misdirected request: this preview answers only to ${[...hosts].join(", ")}; open one of those addresses.\n`,
      );
    handle(root, req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, 500, `Internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE")
        reject(
          new UsageError(
            `Port ${options.port} on ${host} is already in use; pass another with --port (0 picks a free one).`,
            { cause: error },
          ),
        );
      else
        reject(
          new OutputError(
            `Cannot listen on ${host}:${options.port} (${error.code ?? error.message}); pass another --port or --host.`,
            { cause: error },
          ),
        );
    });
    server.listen(options.port, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port);
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A host as a Host header writes it: IPv6 addresses in brackets, names in lower case. */
function hostText(host: string): string {
  return isIP(host) === 6 ? `[${host.toLowerCase()}]` : host.toLowerCase();
}

/**
 * The Host header values the server answers, each with its port (and without it on port 80, as
 * browsers send them): 127.0.0.1, localhost, [::1] and the address it listens on; for a wildcard
 * address (0.0.0.0, ::), every address of this machine's interfaces. No other name: a name that
 * resolves to this machine by the asker's choice (DNS rebinding) is refused.
 */
export function allowedHosts(host: string, port: number): Set<string> {
  const names = ["127.0.0.1", "localhost", "::1", host];
  if (host === "0.0.0.0" || host === "::" || host === "")
    for (const addresses of Object.values(networkInterfaces()))
      for (const a of addresses ?? []) names.push(a.address.replace(/%.*$/, ""));
  const hosts = new Set<string>();
  for (const name of names) {
    hosts.add(`${hostText(name)}:${port}`);
    if (port === 80) hosts.add(hostText(name));
  }
  return hosts;
}

/** Answers one request: guard the path, redirect folders to `…/`, serve files with their type. */
async function handle(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD")
    return send(res, 405, "Method not allowed\n", { Allow: "GET, HEAD" });
  const target = resolveRequestPath(root, req.url ?? "/");
  if (target === undefined) return send(res, 403, "Forbidden\n");
  const real = await realpath(target).catch(() => undefined);
  if (real === undefined) return send(res, 404, "Not found\n");
  // A symlink inside the folder may lead out of it; serve nothing from outside.
  if (!isInside(root, real)) return send(res, 403, "Forbidden\n");
  const info = await stat(real);
  let file = real;
  if (info.isDirectory()) {
    const pathname = (req.url ?? "/").split(/[?#]/)[0] ?? "/";
    // Relative links in a folder's index.html only resolve when the URL ends in `/`. The new
    // location is rebuilt from the checked path, so `//host` tricks cannot redirect elsewhere.
    if (!pathname.endsWith("/")) return send(res, 301, "Moved\n", { Location: folderUrl(root, target) });
    // The folder's index.html is resolved and guarded like any requested file: a link there may lead out too.
    const index = await realpath(path.join(real, FOLDER_PAGE)).catch(() => undefined);
    if (index === undefined) return send(res, 404, "Not found\n");
    if (!isInside(root, index)) return send(res, 403, "Forbidden\n");
    if (!(await stat(index)).isFile()) return send(res, 404, "Not found\n");
    file = index;
  } else if (!info.isFile()) return send(res, 404, "Not found\n");
  const size = (await stat(file)).size;
  res.writeHead(200, {
    "Content-Type": contentType(file),
    "Content-Length": size,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-cache",
  });
  if (req.method === "HEAD") return void res.end();
  createReadStream(file).pipe(res);
}

/**
 * Maps a request URL to a path under `root`, or undefined when it must be refused: malformed
 * percent-encoding, NUL, backslashes, or any `..` segment (raw or encoded).
 */
export function resolveRequestPath(root: string, url: string): string | undefined {
  const rawPath = url.split(/[?#]/)[0] ?? "/";
  if (!rawPath.startsWith("/")) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return undefined;
  const segments = decoded.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.includes("..")) return undefined;
  const target = path.join(root, ...segments);
  return isInside(root, target) ? target : undefined;
}

/** The absolute URL path of a folder under `root`, ending in `/`, each segment percent-encoded. */
function folderUrl(root: string, folder: string): string {
  const segments = path
    .relative(root, folder)
    .split(path.sep)
    .filter((s) => s !== "");
  return `/${segments.map(encodeURIComponent).join("/")}${segments.length > 0 ? "/" : ""}`;
}

/** Content type of a file by its extension (unknown: `application/octet-stream`). */
export function contentType(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

/** Sends a small plain-text response. */
function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}
