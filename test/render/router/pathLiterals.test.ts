/**
 * No path string outside the router: every string literal in src/ (templates' pieces included)
 * that names a file or folder the router owns, such as `"latest.json"` or `` `${folder}/index.html` ``,
 * must be in src/render/router/ (or router.ts). Prose (messages, help) has spaces and is let be;
 * JSON pointers start with `/`; import specifiers are not paths of the site.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/** Names of files and folders of a site that only the router may spell. */
const OWNED = [
  "index.html",
  "latest.json",
  "latest/",
  "run_info.json",
  "results.json",
  "results/",
  "records/",
  "graphs/",
  "dag.json",
  "reportables-",
  "compare-data",
  "compare.html",
  "compare.js",
  "compare/",
  "assets/",
  "style.css",
  "report.js",
  "custom.css",
  "curi-report.json",
  ".curi-report.lock",
  ".curi-report-manifest.json",
  ".nojekyll",
  "history.json",
  "analysis.html",
  "pr/",
];

/** Placeholder for a template's `${…}`, so `${folder}/index.html` reads `\0/index.html`. */
const HOLE = "\u0000";
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** An owned name at the start of the literal or right after a `/` or a hole. */
const OWNED_NAME = new RegExp(`(?:^|[/${HOLE}])(?:${OWNED.map(escape).join("|")})`);

/** True when a literal's text is a path naming an owned file (not prose, not a JSON pointer). */
function namesOwnedPath(text: string): boolean {
  // `*.schema.json` names a schema file of the repository (schema/), not a path of a site.
  return !/\s/.test(text) && !text.startsWith("/") && !text.endsWith(".schema.json") && OWNED_NAME.test(text);
}

/** `line: text` of every string or template literal in `source` that names an owned path. */
function ownedPathLiterals(fileName: string, source: string): string[] {
  // Parsing is the cost: a file that mentions no owned name anywhere has no such literal.
  if (!OWNED.some((name) => source.includes(name))) return [];
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    let text: string | null = null;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (!isModuleSpecifier(node)) text = node.text;
    } else if (ts.isTemplateExpression(node)) {
      text = node.head.text + node.templateSpans.map((s) => HOLE + s.literal.text).join("");
    }
    if (text !== null && namesOwnedPath(text)) {
      const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push(`${line}: ${JSON.stringify(text.replaceAll(HOLE, "${…}"))}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** True for the `"…"` of `import … from "…"`, `export … from "…"` and `import("…")`. */
function isModuleSpecifier(node: ts.Node): boolean {
  const parent = node.parent;
  return (
    ts.isImportDeclaration(parent) ||
    ts.isExportDeclaration(parent) ||
    ts.isExternalModuleReference(parent) ||
    ts.isLiteralTypeNode(parent) ||
    (ts.isCallExpression(parent) && parent.expression.kind === ts.SyntaxKind.ImportKeyword)
  );
}

const SRC = path.resolve(import.meta.dirname, "../../../src");

/** The TypeScript files of src/, relative with `/`, without generated ones and the router's own. */
function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: "utf8" })
    .map((f) => f.split(path.sep).join("/"))
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".generated.ts"))
    .filter((f) => f !== "render/router.ts" && !f.startsWith("render/router/"))
    .sort();
}

describe("site paths", () => {
  it("are spelled only in the router", () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) =>
      ownedPathLiterals(f, readFileSync(path.join(SRC, f), "utf8")).map((hit) => `src/${f}:${hit}`),
    );
    expect(found).toEqual([]);
  });

  it("are found in code, but not in prose, JSON pointers or import specifiers", () => {
    const code = [
      'import { x } from "./latest.json";',
      'const a = "latest.json";',
      "const b = `${folder}/index.html`;",
      'const c = path.join(outDir, "index.html");',
      "const d = `records/${i}.html`;",
      'const e = "rebuild the index, latest page and latest.json of a site";',
      "const f = `/records/${k}/stage_outputs`;",
      "const g = `${dir}/compare-data-${k}.js`;",
    ].join("\n");
    expect(ownedPathLiterals("sample.ts", code)).toEqual([
      '2: "latest.json"',
      '3: "${…}/index.html"',
      '4: "index.html"',
      '5: "records/${…}.html"',
      '8: "${…}/compare-data-${…}.js"',
    ]);
  });
});
