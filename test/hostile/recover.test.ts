/**
 * What a killed build leaves behind, set up by hand with the id of a process that is gone, and
 * what the next build (or index) must make of it: the previous report back in place, temp
 * folders and half-written index files removed, a stale lock taken over. The kill test finds
 * these states by chance; this test makes each one certain.
 */
import { spawnSync } from "node:child_process";
import { lutimes, mkdir, readdir, readFile, symlink, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildIndex } from "../../src/site/buildIndex.js";
import { LOCK_FILE, withSiteLock } from "../../src/site/lock.js";
import { recoverInterrupted, swapIn } from "../../src/site/swap.js";
import { tempDir } from "./helpers/cases.js";
import { MARKER_FILE, markerText } from "../../src/site/reportMarker.js";

/** The id of a process that has exited (and so cannot be running). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("recoverInterrupted after a killed build", () => {
  // Found by test/hostile/kill.test.ts: a build killed while writing index.html left
  // `.index.html.<pid>.<n>.tmp` in the site root for good (published, as a dotfile).
  it("removes half-written site-root files and temp folders of dead builds, and puts an aside report back", async () => {
    const site = await tempDir();
    const dead = deadPid();
    await mkdir(path.join(site, "latest"));
    await mkdir(path.join(site, "assets"));
    await writeFile(path.join(site, `.index.html.${dead}.3.tmp`), "<!DOCTYPE html><html><bo");
    await writeFile(path.join(site, "latest", `.index.html.${dead}.4.tmp`), "half");
    await writeFile(path.join(site, "assets", `.style.css.${dead}.5.tmp`), "half");
    await mkdir(path.join(site, `.tmp-run_1-${dead}-1`));
    await mkdir(path.join(site, `.old-run_2-${dead}-2`));
    await writeFile(path.join(site, `.old-run_2-${dead}-2`, "run_info.json"), "{}");
    // A live build's files (this process) are left alone.
    await writeFile(path.join(site, `.index.html.${process.pid}.9.tmp`), "mine");
    await mkdir(path.join(site, `.tmp-run_3-${process.pid}-7`));

    await recoverInterrupted(site);

    expect((await readdir(site)).sort()).toEqual([
      `.index.html.${process.pid}.9.tmp`,
      `.tmp-run_3-${process.pid}-7`,
      "assets",
      "latest",
      "run_2",
    ]);
    expect(await readdir(path.join(site, "latest"))).toEqual([]);
    expect(await readdir(path.join(site, "assets"))).toEqual([]);
    expect(await readFile(path.join(site, "run_2", "run_info.json"), "utf8")).toBe("{}");
  });
});

describe("the site lock", () => {
  it("is taken over from a build that died holding it, and released after the index is written", async () => {
    const site = await tempDir();
    await writeFile(path.join(site, LOCK_FILE), `${deadPid()}\n`);
    const result = await buildIndex(site);
    expect(result.written).toContain("index.html");
    expect(await readdir(site)).not.toContain(LOCK_FILE);
  });

  // Issue 23 point 6 (a restored site read through special files): the holder's id was read with
  // readFile, so a FIFO in the lock's place blocked the build forever and a link to /dev/zero
  // allocated without bound. Now it is read as published files are, and taken over as stale.
  it("is taken over when it is a FIFO or a link to /dev/zero, without reading either", async () => {
    for (const plant of ["fifo", "zero"] as const) {
      const site = await tempDir();
      const lock = path.join(site, LOCK_FILE);
      if (plant === "fifo") {
        expect(spawnSync("mkfifo", [lock]).status).toBe(0);
        await utimes(lock, new Date(0), new Date(0));
      } else {
        await symlink("/dev/zero", lock);
        await lutimes(lock, new Date(0), new Date(0));
      }
      const result = await buildIndex(site);
      expect(result.written, plant).toContain("index.html");
      expect(await readdir(site), plant).not.toContain(LOCK_FILE);
    }
  });

  it("makes a second holder wait for the first", async () => {
    const site = await tempDir();
    const order: string[] = [];
    let release: () => void = () => undefined;
    let entered: () => void = () => undefined;
    const firstIn = new Promise<void>((resolve) => (entered = resolve));
    const first = withSiteLock(site, async () => {
      order.push("first in");
      entered();
      await new Promise<void>((resolve) => (release = resolve));
      order.push("first out");
    });
    await firstIn;
    const second = withSiteLock(site, async () => {
      order.push("second in");
    });
    // Give the second holder many polls' worth of time to (wrongly) get in.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(order).toEqual(["first in"]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(["first in", "first out", "second in"]);
  });
});

describe("swapIn when builds swap the same report at the same moment", () => {
  // Found by reading swap.ts for issue 5's concurrency requirement: between "is there an old
  // report?" and the renames, another build's swap could move the folder (ENOENT) or put its own
  // in place (ENOTEMPTY), and the second build failed with an OutputError.
  it("lets every swap succeed, the last one win whole, and leaves no aside folder", async () => {
    const site = await tempDir();
    await mkdir(path.join(site, "report"));
    await writeFile(path.join(site, "report", "version.txt"), "old");
    // Only a report folder curi-report wrote (it has a marker) may be replaced.
    const marker = markerText("0".repeat(64), new Map(), { output: "0".repeat(64), files: "" });
    await writeFile(path.join(site, "report", MARKER_FILE), marker);
    const temps = await Promise.all(
      Array.from({ length: 12 }, async (_, i) => {
        const temp = path.join(site, `.tmp-report-${process.pid}-${100 + i}`);
        await mkdir(temp);
        await writeFile(path.join(temp, "version.txt"), `new ${i}`);
        await writeFile(path.join(temp, MARKER_FILE), marker);
        return temp;
      }),
    );
    await Promise.all(temps.map((temp) => swapIn(site, temp, "report")));
    expect((await readdir(site)).sort()).toEqual(["report"]);
    expect(await readFile(path.join(site, "report", "version.txt"), "utf8")).toMatch(/^new \d+$/);
  });
});
