/** Issue 12, point 5: `serve` resolves every file it serves, a folder's index.html included. */
import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { serveReports, type RunningServer } from "../../src/site/serve.js";
import { tempDir } from "./helpers/runs.js";

const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

describe("serve and links", () => {
  it("refuses an index.html (of the root or a folder) or a file that is a link leading out of the served folder", async () => {
    const dir = await tempDir();
    const site = path.join(dir, "site");
    await mkdir(path.join(site, "report"), { recursive: true });
    await writeFile(path.join(dir, "secret.html"), "SECRET");
    await symlink(path.join(dir, "secret.html"), path.join(site, "index.html"));
    await symlink(path.join(dir, "secret.html"), path.join(site, "report", "index.html"));
    await symlink(path.join(dir, "secret.html"), path.join(site, "page.html"));
    const server = await serveReports(site, { port: 0 });
    servers.push(server);
    for (const url of ["", "report/", "page.html"]) {
      const res = await fetch(new URL(url, server.url));
      const body = await res.text();
      expect({ url, status: res.status, leaked: body.includes("SECRET") }).toEqual({ url, status: 403, leaked: false });
    }
  });

  it("still serves an index.html that is a link inside the folder", async () => {
    const site = path.join(await tempDir(), "site");
    await mkdir(path.join(site, "report"), { recursive: true });
    await writeFile(path.join(site, "report", "page.html"), "<p>inside</p>");
    await symlink("page.html", path.join(site, "report", "index.html"));
    const server = await serveReports(site, { port: 0 });
    servers.push(server);
    const res = await fetch(new URL("report/", server.url));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("inside");
  });
});
