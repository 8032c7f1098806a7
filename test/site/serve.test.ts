import { symlink, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/buildSite.js";
import { allowedHosts, serveReports, type RunningServer } from "../../src/site/serve.js";
import { InputNotFoundError, UsageError } from "../../src/util/errors.js";
import { get } from "./helpers/http.js";
import { tempDir, writeRunsFolder } from "./helpers/runs.js";

/** A GET of `/` written byte by byte on a socket, with `host` as its Host header line (none when null); resolves with the whole response. */
function rawGet(port: number, host: string | null): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      // Written, not ended: a half-closed socket is dropped before a streamed answer is sent.
      socket.write(
        `GET / HTTP/1.${host === null ? 0 : 1}\r\n${host === null ? "" : `${host}\r\n`}Connection: close\r\n\r\n`,
      );
    });
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
  });
}

describe("serveReports", () => {
  let server: RunningServer;
  let outDir: string;
  let folder: string;

  beforeAll(async () => {
    const runsDir = await writeRunsFolder(1);
    outDir = path.join(path.dirname(runsDir), "reports");
    folder = (await buildSite(runsDir, { outDir })).reports[0]!.folder;
    const secret = path.join(await tempDir(), "secret.txt");
    await writeFile(secret, "secret");
    await symlink(secret, path.join(outDir, "leak.txt"));
    await writeFile(path.join(path.dirname(outDir), "outside.txt"), "outside");
    server = await serveReports(outDir, { port: 0 });
  });
  afterAll(async () => server.close());

  it("listens on 127.0.0.1 and serves the index as UTF-8 HTML", async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const res = await get(server.port, "/");
    expect(res.status).toBe(200);
    expect(res.type).toBe("text/html; charset=utf-8");
    expect(res.body).toContain(`${folder}/index.html`);
  });

  it("gives each kind of file its content type", async () => {
    expect((await get(server.port, `/${folder}/index.html`)).type).toBe("text/html; charset=utf-8");
    expect((await get(server.port, "/latest.json")).type).toBe("application/json; charset=utf-8");
    expect((await get(server.port, `/${folder}/graphs/full.gv`)).type).toBe("text/plain; charset=utf-8");
    expect((await get(server.port, `/${folder}/style.css`)).type).toBe("text/css; charset=utf-8");
    expect((await get(server.port, `/${folder}/report.js`)).type).toBe("text/javascript; charset=utf-8");
    expect((await get(server.port, `/${folder}/log.txt`)).type).toBe("text/plain; charset=utf-8");
  });

  it("serves a folder's index.html, redirecting to the trailing slash so relative links work", async () => {
    const redirect = await get(server.port, `/${folder}?x=1`);
    expect(redirect.status).toBe(301);
    expect(redirect.location).toBe(`/${folder}/`);
    const page = await get(server.port, `/${folder}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("<html");
    expect((await get(server.port, "/latest/")).status).toBe(200);
    expect((await get(server.port, "//example.com")).location).not.toContain("example.com");
  });

  it("refuses paths leaving the folder, raw or encoded, and links leading out", async () => {
    for (const raw of [
      "/../outside.txt",
      "/%2e%2e/outside.txt",
      `/${folder}/../../outside.txt`,
      "/..%2foutside.txt",
      "/a%5c..%5coutside.txt",
      "/%00",
      "/%zz",
    ]) {
      const res = await get(server.port, raw);
      expect([raw, res.status]).toEqual([raw, 403]);
      expect(res.body).not.toContain("outside");
    }
    expect((await get(server.port, "/leak.txt")).status).toBe(403);
  });

  it("answers 404 for missing files, 405 for other methods, and HEAD without a body", async () => {
    expect((await get(server.port, "/nope.html")).status).toBe(404);
    expect((await get(server.port, "/assets/")).status).toBe(404);
    expect((await get(server.port, "/", "POST")).status).toBe(405);
    const head = await get(server.port, "/", "HEAD");
    expect([head.status, head.body]).toEqual([200, ""]);
  });

  it("answers only requests addressed to this machine, not a rebound name (issue 23)", async () => {
    const [evil, evilPort, missing, local, loopback] = await Promise.all([
      rawGet(server.port, "Host: evil.test"),
      rawGet(server.port, `Host: evil.test:${server.port}`),
      rawGet(server.port, null),
      rawGet(server.port, `Host: localhost:${server.port}`),
      rawGet(server.port, `Host: 127.0.0.1:${server.port}`),
    ]);
    for (const refused of [evil, evilPort, missing]) {
      expect(refused).toMatch(/^HTTP\/1\.1 421 /);
      expect(refused).not.toContain(folder);
    }
    for (const answered of [local, loopback]) {
      expect(answered).toMatch(/^HTTP\/1\.1 200 /);
      expect(answered).toContain(`${folder}/index.html`);
    }
  });

  it("knows this machine by its loopback names, the bound address and, bound to all, every interface's", () => {
    expect([...allowedHosts("127.0.0.1", 8080)].sort()).toEqual(["127.0.0.1:8080", "[::1]:8080", "localhost:8080"]);
    expect(allowedHosts("::1", 80)).toEqual(
      new Set(["127.0.0.1", "127.0.0.1:80", "localhost", "localhost:80", "[::1]", "[::1]:80"]),
    );
    const all = allowedHosts("0.0.0.0", 9000);
    for (const a of Object.values(networkInterfaces()).flatMap((list) => list ?? []))
      expect(all).toContain(`${a.family === "IPv6" ? `[${a.address.replace(/%.*$/, "")}]` : a.address}:9000`);
    expect(all).not.toContain("evil.test:9000");
  });

  it("fails clearly for a missing folder or a port in use", async () => {
    await expect(serveReports(path.join(outDir, "missing"), { port: 0 })).rejects.toThrow(InputNotFoundError);
    await expect(serveReports(outDir, { port: server.port })).rejects.toThrow(UsageError);
  });
});
