/**
 * The writer thread of a fresh report folder (writeQueue.ts), with limits small enough that every
 * file goes through it in many batches: what `flush` resolves to is on disk byte for byte, a real
 * failure amid the writes is thrown with its file named, and later writes of a file win.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WriteQueue, type WriteQueueLimits } from "../../src/site/writeQueue.js";
import { OutputError } from "../../src/util/errors.js";
import { tempDir } from "./helpers/runs.js";

/** Every file through the thread, 4 to a batch, 2 batches in flight, slots of 16 KiB: the larger texts go in parts. */
const SMALL: WriteQueueLimits = {
  syncFiles: 0,
  batchFiles: 4,
  batches: 2,
  slotBytes: 16 * 1024,
};

/**
 * Texts of every kind a page holds: wide, astral, a lone surrogate, empty, and larger than a slot
 * (ASCII, and multi-byte characters that meet the slot's end).
 */
const texts = (i: number): string =>
  [`<p>${i} é 中</p>`, `😀 ${i}`, `lone \ud800 ${i}`, "", `${i}`.repeat(20_000), "é中😀".repeat(3000 + i)][i % 6]!;

describe("the writer thread", () => {
  it("has every file on disk, as Node encodes it, when flush resolves", async () => {
    const root = await tempDir("curi-queue-");
    const source = path.join(root, "source.bin");
    await writeFile(source, Buffer.from([0, 1, 2, 255]));
    const queue = new WriteQueue(SMALL);
    for (let i = 0; i < 300; i++) await queue.write(path.join(root, `${i}.html`), texts(i));
    await queue.write(path.join(root, "bytes.bin"), new Uint8Array([9, 8, 7]));
    const large = new Uint8Array(40_000).map((_, i) => i % 251);
    await queue.write(path.join(root, "large.bin"), large);
    await queue.copy(source, path.join(root, "copy.bin"));
    await queue.flush();
    // Compared as hex text: vitest compares buffers byte by byte, slowly.
    for (let i = 0; i < 300; i++)
      expect((await readFile(path.join(root, `${i}.html`))).toString("hex"), `${i}.html`).toBe(
        Buffer.from(texts(i)).toString("hex"),
      );
    expect([...(await readFile(path.join(root, "bytes.bin")))]).toEqual([9, 8, 7]);
    expect((await readFile(path.join(root, "large.bin"))).toString("hex")).toBe(Buffer.from(large).toString("hex"));
    expect([...(await readFile(path.join(root, "copy.bin")))]).toEqual([0, 1, 2, 255]);
  });

  it("writes a file written twice with the later content", async () => {
    const root = await tempDir("curi-queue-");
    const queue = new WriteQueue(SMALL);
    const file = path.join(root, "twice.html");
    for (let i = 0; i < 50; i++) await queue.write(file, `version ${i}`);
    await queue.flush();
    expect(await readFile(file, "utf8")).toBe("version 49");
  });

  it("throws a failure amid the writes as an OutputError naming the file, and writes no more", async () => {
    const root = await tempDir("curi-queue-");
    // A real failure: a folder where the file must go (EISDIR), root or not.
    await mkdir(path.join(root, "150.html"));
    const queue = new WriteQueue(SMALL);
    let thrown: unknown;
    try {
      for (let i = 0; i < 300; i++) await queue.write(path.join(root, `${i}.html`), texts(i));
      await queue.flush();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OutputError);
    expect((thrown as Error).message).toMatch(/^Cannot write \S+150\.html \(EISDIR\)/);
    await queue.settle();
    // Every later write is refused with the same error: a failed build stops writing.
    await expect(queue.write(path.join(root, "later.html"), "x")).rejects.toBe(thrown);
    await expect(queue.flush()).rejects.toBe(thrown);
  });
});
