/**
 * Which args sets a run used and where they came from: run_info's `params` (`{ file: [[name,
 * hash], …] }`, with args not from a file under `"(live)"`) and run.json's `args` list.
 */
import type { Args } from "./args.js";

/** The `params` key of args sets that came from no parameter file. */
export const LIVE_PARAMS = "(live)";

/** One args set the run knows, with its hash and source. */
export interface RegisteredArgs {
  readonly args: Args;
  readonly name: string;
  readonly hash: string;
  readonly source: string;
}

/** Args sets by source, in first-seen order. */
export class ParamsRegistry {
  private readonly entries: RegisteredArgs[] = [];

  /** Registers an args set from `source` (a parameter file name; default `"(live)"`). */
  add(args: Args, hash: string, source: string = LIVE_PARAMS): void {
    if (this.entries.some((e) => e.source === source && e.name === args.name && e.hash === hash)) return;
    this.entries.push({ args, name: args.name, hash, source });
  }

  /** Notes that a record uses `args`; args never registered count as `"(live)"`. */
  use(args: Args, hash: string): void {
    if (this.entries.some((e) => e.args === args || (e.name === args.name && e.hash === hash))) return;
    this.add(args, hash, LIVE_PARAMS);
  }

  /** Parameter file names, in first-seen order, without `"(live)"`. */
  files(): string[] {
    return [...new Set(this.entries.map((e) => e.source))].filter((source) => source !== LIVE_PARAMS);
  }

  /** `{ source: [[name, hash], …] }` in first-seen order. */
  bySource(): { [source: string]: [string, string][] } {
    const out: { [source: string]: [string, string][] } = {};
    for (const entry of this.entries) (out[entry.source] ??= []).push([entry.name, entry.hash]);
    return out;
  }

  /** Distinct args sets (by name and hash), in first-seen order. */
  distinct(): RegisteredArgs[] {
    const seen = new Set<string>();
    return this.entries.filter((e) => {
      const key = `${e.name}\u0000${e.hash}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
}
