/**
 * Raw HTTP requests for server tests.
 */
import { request } from "node:http";

/**
 * A raw GET: the path is sent exactly as given (no client-side `..` normalisation), with `host` as
 * the Host header when given (else the address asked).
 */
export function get(
  port: number,
  rawPath: string,
  method = "GET",
  host?: string,
): Promise<{ status: number; type: string; location: string; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = host === undefined ? {} : { Host: host };
    const req = request({ host: "127.0.0.1", port, path: rawPath, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          type: String(res.headers["content-type"] ?? ""),
          location: String(res.headers.location ?? ""),
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}
