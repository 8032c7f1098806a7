/**
 * How a summary fits its budget: the budget in words (the true reason for shortening, issue 21.9:
 * GitHub's comment limit, `--max-chars`, or the room left in a job summary), the note and footer
 * that end the text, and, as a last resort, a cut at a line boundary.
 */
import { groupDigits } from "../../util/clip.js";
import { mdLink, mdText } from "../markup/mdText.js";

/** The shortening step that cuts the text. */
export const CUT_NOTE = "the text was cut to fit";

/** What the ending needs of the report's links. */
export interface FooterLinks {
  readonly base: string | null;
  href(anchor: string | null): string;
}

/** Why a summary may be shortened, in words, and a note on a DAG folded only to stay readable. */
export interface Budget {
  /** `GitHub's 65,536-character limit on a comment`, `the --max-chars budget of 8,000 characters`, … */
  readonly words: string;
  readonly folded?: string | null;
}

/** The budget `max` in words: the true reason for shortening (issue 21.9), not always GitHub's limit. */
export function budgetWords(max: number, unit: "chars" | "bytes" | undefined, commentLimit: number): Budget {
  if (unit === "bytes") return { words: `the ${groupDigits(max)} bytes left in the job summary` };
  return {
    words:
      max === commentLimit
        ? `GitHub's ${groupDigits(max)}-character limit on a comment`
        : `the --max-chars budget of ${groupDigits(max)} characters`,
  };
}

/** The shortening note (when any step was taken) and the link to the full report, ending the text. */
export function tail(shortened: readonly string[], links: FooterLinks, budget: Budget): string {
  const full = links.base === null ? "" : " The full report has everything.";
  const note =
    shortened.length === 0
      ? ""
      : `\n\n<sub>Shortened to fit ${mdText(budget.words)}: ${shortened.map(mdText).join("; ")}.${full}</sub>`;
  const folded =
    budget.folded == null ? "" : `\n\n<sub>To stay readable, ${mdText(budget.folded)}.${note === "" ? full : ""}</sub>`;
  const footer = links.base === null ? "" : `\n\n${mdLink("Open the full report", links.href(null))}`;
  return `${note}${folded}${footer}\n`;
}

/** Adds the note and footer; as a last resort cuts the text at a line boundary. */
export function finish(
  body: string,
  shortened: readonly string[],
  links: FooterLinks,
  max: number,
  measure: (s: string) => number,
  budget: Budget,
): { text: string; cut: boolean } {
  const whole = `${body}${tail(shortened, links, budget)}`;
  if (measure(whole) <= max) return { text: whole, cut: false };
  const end = tail([...shortened, CUT_NOTE], links, budget);
  // Not even the note and footer fit (a job summary already near its 1 MiB): nothing, never more than max.
  if (measure(end) > max) return { text: "", cut: true };
  let cut = body;
  while (cut.length > 0 && measure(cut) + measure(end) > max)
    cut = cut.slice(0, Math.max(0, cut.lastIndexOf("\n", Math.floor(cut.length * 0.9))));
  return { text: `${cut}${end}`, cut: true };
}
