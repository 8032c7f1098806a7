/**
 * `curi-report prune <site> --keep N | --older-than <days>`: removes the report folders of older
 * runs from a site (site/prune.ts), keeping their runs in history.json and the index's trends.
 */
import { stat } from "node:fs/promises";
import { COMPARE_DIR } from "../render/router.js";
import { isSite } from "../site/buildIndex.js";
import { pruneSite } from "../site/prune.js";
import { InputNotFoundError, UsageError } from "../util/errors.js";
import type { ArgsOf } from "./commandSpec.js";
import type { PRUNE } from "./commands.js";
import { displayPath, resolveArg, say, type CliIo } from "./io.js";

/** `text` as a whole number of at least `min`, or a usage error naming `option`. */
function wholeNumber(text: string | undefined, option: string, min: number): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min || text.trim() === "")
    throw new UsageError(
      `${option} needs a whole number of at least ${min}, not ${JSON.stringify(text)}; see \`curi-report prune --help\`.`,
    );
  return n;
}

/** Runs `curi-report prune` with its parsed arguments; resolves to the exit code. */
export async function runPrune({ values, positionals }: ArgsOf<typeof PRUNE>, io: CliIo): Promise<number> {
  const root = resolveArg(io, positionals[0] ?? "reports");
  const keep = wholeNumber(values.keep, "--keep", 1);
  const olderThanDays = wholeNumber(values["older-than"], "--older-than", 0);
  const isFolder = await stat(root).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isFolder || !isSite(root))
    throw new InputNotFoundError(
      `${displayPath(io, root)} is not a curi-report site, so nothing was removed; pass the folder \`curi-report\` built.`,
    );
  const result = await pruneSite(root, {
    ...(keep === undefined ? {} : { keep }),
    ...(olderThanDays === undefined ? {} : { olderThanDays }),
    // The clock only decides which runs count as old; nothing rendered depends on it.
    now: new Date(),
    ...(values["dry-run"] === true ? { dryRun: true } : {}),
  });
  if (values.quiet) return 0;
  const verb = values["dry-run"] === true ? "Would remove" : "Removed";
  for (const rel of [...result.removed, ...result.comparisons.map((c) => `${COMPARE_DIR}/${c}`), ...result.singleFiles])
    say(io, `${verb} ${rel}`);
  say(
    io,
    `${verb} ${result.removed.length} report${result.removed.length === 1 ? "" : "s"} from ${displayPath(io, root)}; kept ${result.kept}. Their runs stay in history.json and the trends.`,
  );
  return 0;
}
