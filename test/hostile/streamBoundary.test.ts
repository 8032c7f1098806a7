/**
 * The stream boundary (issue 23's hostile surfaces): a run.json past `streamAbove` is read by the
 * streaming parser, one below it by `JSON.parse`. Every hostile fixture (markup and script in
 * every string, hostile names, metrics named `__proto__`, NaN and huge values, broken documents)
 * is read both ways, and both must give the same run, or refuse it with the same kind of error
 * naming the file (a syntax error is worded by each parser its own way). Cases
 * whose input is blown up at test time (`setup.expand`) are left to the hostile suite: reading
 * them twice costs more than it shows here.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readRun } from "../../src/run/read.js";
import { listCases, prepareCase, tempDir } from "./helpers/cases.js";

/**
 * The run read with `streamAbove`, or the error it was refused with: its class and whether it
 * names run.json (a syntax error is worded by each parser in its own way, so not its words).
 */
async function readOutcome(dir: string, streamAbove: number): Promise<unknown> {
  try {
    return { run: await readRun(dir, { streamAbove }) };
  } catch (error) {
    if (!(error instanceof Error)) return { error: String(error) };
    return { error: error.constructor.name, namesFile: error.message.includes(path.join(dir, "run.json")) };
  }
}

const cases = (await listCases()).filter((c) => c.expected.setup?.expand === undefined);

describe("every hostile run.json, read streaming and whole", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s gives the same run or the same refusal", async (_, c) => {
    const dir = path.join(await tempDir(`curi-stream-${c.name.slice(0, 20)}-`), "run");
    await prepareCase(c.name, dir, c.expected.setup);
    const streamed = await readOutcome(dir, 0);
    const whole = await readOutcome(dir, Number.POSITIVE_INFINITY);
    expect(streamed).toEqual(whole);
    if (c.expected.outcome === "report") expect(Object.keys(whole as object)).toEqual(["run"]);
  });
});
