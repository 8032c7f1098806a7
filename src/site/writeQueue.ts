/**
 * The writes of a fresh report folder, off the main thread. A 10,000-record report's 20,000 files
 * (400 MB) cost seconds of kernel time in `open` and `write`; on the main thread they stall
 * rendering. Here they go in batches to one writer thread, which writes them one after another
 * while the main thread renders on. One thread, not libuv's pool: handing each file to the pool
 * costs three hand-offs a file (open, write, close), which on a busy 2-core machine cost more
 * CPU than they saved (measured: +2 s of CPU at 10,000 records, median of 3), and four threads
 * creating files in one folder contend for it. Contents are encoded (or copied) straight into
 * slots of one buffer shared with the thread, a file larger than a slot in parts the thread
 * appends, so the pages on their way out take a fixed 9 MiB: buffers handed to the thread
 * instead waited for its rare garbage collections (+70-100 MB at 10,000 records). The first few
 * hundred files are written synchronously, as before, so a small report never starts the thread.
 *
 * At most a bounded number of batches (each with its slot) are in flight (over the bound, the
 * caller waits for the oldest). A failure is kept (the first, as an OutputError naming its file)
 * and thrown by the next write and by `flush`, which every caller that needs the files on disk
 * awaits.
 */
import type * as Fs from "node:fs";
import { copyFileSync, writeFileSync } from "node:fs";
import type * as Threads from "node:worker_threads";
import { Worker } from "node:worker_threads";
import type { OutputError } from "../util/errors.js";
import { outputError } from "./outputError.js";

/** How a queue batches and how much it keeps in flight. */
export interface WriteQueueLimits {
  /** Files written on the calling thread before the writer thread is started (again after each flush). */
  readonly syncFiles: number;
  /** A batch is sent once it holds this many files (or its slot is full). */
  readonly batchFiles: number;
  /** Batches in flight before a new batch waits for the oldest; each has a slot of the shared buffer. */
  readonly batches: number;
  /** Size of a slot: a batch's contents are put into it; a larger file goes in parts, a slot each. */
  readonly slotBytes: number;
}

/**
 * Default limits: a small report (a few hundred files) is written as before, synchronously; a
 * batch of 32 files costs one message each way; 9 slots of 1 MiB (8 in flight, one filling) are
 * the memory the pages take on their way out, allocated once.
 */
export const WRITE_QUEUE_LIMITS: WriteQueueLimits = {
  syncFiles: 256,
  batchFiles: 32,
  batches: 8,
  slotBytes: 1024 * 1024,
};

/**
 * One file (or part of one) for the writer thread: at `target`, write (`append`: add) `length`
 * bytes of the shared buffer from `offset`, or copy the file `source`.
 */
interface WriteJob {
  readonly target: string;
  readonly offset?: number;
  readonly length?: number;
  readonly append?: boolean;
  readonly source?: string;
}

/** What the writer thread answers for a batch: nothing more when every file was written. */
interface BatchDone {
  readonly id: number;
  readonly failed?: { readonly target: string; readonly code: string; readonly message: string };
}

/** A batch in flight: its slot, its first file and how to end it. */
interface InFlight {
  /** The slot of the shared buffer its texts are in, free again once it has ended. */
  readonly slot: number | undefined;
  readonly first: string;
  readonly ended: Promise<void>;
  readonly end: () => void;
}

/**
 * The writer thread's code. It runs in the thread from its source text (`eval`), so it uses only
 * its parameters: nothing of this module or the bundle, which would not be there.
 */
function writerThread(fs: typeof Fs, threads: typeof Threads): void {
  const port = threads.parentPort;
  const shared = threads.workerData as SharedArrayBuffer;
  port?.on("message", (batch: { id: number; jobs: WriteJob[] }) => {
    for (const job of batch.jobs) {
      try {
        if (job.source !== undefined) fs.copyFileSync(job.source, job.target);
        else
          fs.writeFileSync(job.target, new Uint8Array(shared, job.offset, job.length), {
            flag: job.append === true ? "a" : "w",
          });
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        port.postMessage({ id: batch.id, failed: { target: job.target, code: String(e.code), message: e.message } });
        return;
      }
    }
    port.postMessage({ id: batch.id });
  });
}

const WRITER_SOURCE = `(${writerThread.toString()})(require("node:fs"), require("node:worker_threads"));`;

/** Encodes texts into the shared buffer. */
const ENCODER = new TextEncoder();

/** Writes and copies of one writer, in order, off the main thread (see the module comment). */
export class WriteQueue {
  private worker: Worker | undefined;
  private syncWritten = 0;
  private batch: WriteJob[] = [];
  /** The buffer the texts are encoded into, shared with the writer thread; made with it. */
  private shared: SharedArrayBuffer | undefined;
  /** Slots of the shared buffer no batch holds. */
  private free: number[] = [];
  /** The slot of the batch being filled, and how much of it is used. */
  private slot: number | undefined;
  private used = 0;
  /** By batch id; a Map keeps insertion order, so the first entry is the oldest batch. */
  private readonly inFlight = new Map<number, InFlight>();
  private nextId = 0;
  private failure: OutputError | undefined;

  /** A queue batching and bounding as `limits` say. */
  constructor(private readonly limits: WriteQueueLimits = WRITE_QUEUE_LIMITS) {}

  /** Writes `content` at `target` (in the background once past the first files); throws an earlier write's failure. */
  async write(target: string, content: string | Uint8Array): Promise<void> {
    this.throwIfFailed();
    if (this.synchronously()) return inPlace(target, () => writeFileSync(target, content));
    let rest = content;
    let append = false;
    for (;;) {
      // From taking the room to queueing the job nothing awaits, so no other write takes the same room.
      const room = this.room();
      if (room === null) {
        await this.oldest();
        continue;
      }
      const [put, left] = putInto(rest, room);
      // Not all of it fits: a slot already holding files is sent, so a file is split only when
      // it is larger than a whole slot.
      if (left !== null && this.used > 0) {
        await this.send();
        continue;
      }
      this.used += put;
      await this.add({ target, offset: room.byteOffset, length: put, append });
      if (left === null) return;
      rest = left;
      append = true;
      await this.send();
    }
  }

  /** The free part of the slot of the batch being filled (taking a free slot when there is none); null when every slot is held. */
  private room(): Uint8Array | null {
    this.startedWorker();
    this.slot ??= this.free.pop();
    if (this.slot === undefined) return null;
    const offset = this.slot * this.limits.slotBytes + this.used;
    return new Uint8Array(this.shared!, offset, this.limits.slotBytes - this.used);
  }

  /** Copies the file `source` to `target`, like `write`. */
  async copy(source: string, target: string): Promise<void> {
    this.throwIfFailed();
    if (this.synchronously()) return inPlace(target, () => copyFileSync(source, target));
    await this.add({ target, source });
  }

  /** Waits until every file is written; throws the first failure, if any. */
  async flush(): Promise<void> {
    await this.settle();
    this.throwIfFailed();
  }

  /** Waits until every write sent has ended, failed or not (before removing what they wrote). */
  async settle(): Promise<void> {
    if (this.failure === undefined) await this.send();
    this.batch = [];
    this.releaseSlot(this.slot);
    this.slot = undefined;
    this.used = 0;
    while (this.inFlight.size > 0) await this.oldest();
    const worker = this.worker;
    this.worker = undefined;
    this.syncWritten = 0;
    await worker?.terminate();
  }

  /** True while the first files are still written on this thread. */
  private synchronously(): boolean {
    if (this.worker !== undefined || this.syncWritten >= this.limits.syncFiles) return false;
    this.syncWritten++;
    return true;
  }

  /** Adds a job to the batch, and sends the batch once it is full. */
  private async add(job: WriteJob): Promise<void> {
    this.batch.push(job);
    if (this.batch.length >= this.limits.batchFiles || this.used >= this.limits.slotBytes) await this.send();
  }

  /** Sends the batch to the writer thread once the queue is under its bound. */
  private async send(): Promise<void> {
    while (this.isFull()) await this.oldest();
    this.throwIfFailed();
    if (this.batch.length === 0) return;
    const jobs = this.batch;
    const slot = this.slot;
    this.batch = [];
    this.slot = undefined;
    this.used = 0;
    const id = ++this.nextId;
    let end!: () => void;
    const ended = new Promise<void>((resolve) => (end = resolve));
    this.inFlight.set(id, { slot, first: jobs[0]!.target, ended, end });
    const worker = this.startedWorker();
    worker.ref();
    worker.postMessage({ id, jobs });
  }

  /** True when a batch must wait: the bound of batches in flight is reached. */
  private isFull(): boolean {
    return this.inFlight.size >= this.limits.batches;
  }

  /** The writer thread, started on first use. */
  private startedWorker(): Worker {
    if (this.worker !== undefined) return this.worker;
    // Allocated once per queue and kept across flushes (every slot is free after one).
    this.shared ??= new SharedArrayBuffer((this.limits.batches + 1) * this.limits.slotBytes);
    this.free = Array.from({ length: this.limits.batches + 1 }, (_, i) => i);
    const worker = new Worker(WRITER_SOURCE, { eval: true, workerData: this.shared });
    worker.on("message", (done: BatchDone) => this.ended(done));
    // A thread that dies fails every batch in flight with the file it was writing first.
    const died = (error: Error): void => {
      for (const [id, batch] of this.inFlight)
        this.ended({ id, failed: { target: batch.first, code: "EIO", message: error.message } });
    };
    worker.on("error", died);
    worker.on("exit", () => died(new Error("the writer thread stopped")));
    this.worker = worker;
    return worker;
  }

  /** Takes an answered batch out of the queue and keeps its failure. */
  private ended(done: BatchDone): void {
    const batch = this.inFlight.get(done.id);
    if (batch === undefined) return;
    this.inFlight.delete(done.id);
    this.releaseSlot(batch.slot);
    if (done.failed !== undefined) {
      const cause = Object.assign(new Error(done.failed.message), { code: done.failed.code });
      this.failure ??= outputError(done.failed.target, cause);
    }
    // An idle thread keeps no process alive (a caller that never flushes still exits).
    if (this.inFlight.size === 0) this.worker?.unref();
    batch.end();
  }

  /** Makes `slot` free for the next batch. */
  private releaseSlot(slot: number | undefined): void {
    if (slot !== undefined) this.free.push(slot);
  }

  /** Resolves when the oldest batch in flight has been answered. */
  private async oldest(): Promise<void> {
    const first = this.inFlight.values().next();
    if (first.done !== true) await first.value.ended;
  }

  /** Throws the first failure of a write, so no more of a failed build is written. */
  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}

/** Writes a file on this thread, turning a failure into the writer's OutputError. */
function inPlace(target: string, produce: () => void): void {
  try {
    produce();
  } catch (error) {
    throw outputError(target, error);
  }
}

/**
 * Puts as much of `content` into `room` as fits (a text as UTF-8, as Node writes it, a lone
 * surrogate as U+FFFD): the bytes put and what is left, or null when all of it fit.
 */
function putInto(content: string | Uint8Array, room: Uint8Array): [number, string | Uint8Array | null] {
  if (typeof content !== "string") {
    const put = Math.min(content.byteLength, room.byteLength);
    room.set(content.subarray(0, put));
    return [put, put === content.byteLength ? null : content.subarray(put)];
  }
  const { read, written } = ENCODER.encodeInto(content, room);
  return [written, read === content.length ? null : content.slice(read)];
}
