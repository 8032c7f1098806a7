/**
 * Child process of the benchmark: lays out DOT files with Graphviz compiled to WebAssembly (the
 * library curi-report uses), one after another in one instance, and prints one JSON line with the
 * milliseconds to load the module and to lay out every file (SVG output, as the report asks).
 *
 *   node dist/bench/wasmLayout.js <file.gv>...
 */
import { readFile } from "node:fs/promises";
import { Graphviz } from "@hpcc-js/wasm-graphviz";

async function main(): Promise<void> {
  const files = process.argv.slice(2);
  const sources = await Promise.all(files.map((f) => readFile(f, "utf8")));
  const start = performance.now();
  const graphviz = await Graphviz.load();
  const loaded = performance.now();
  for (const source of sources) graphviz.layout(source, "svg", "dot");
  const done = performance.now();
  process.stdout.write(`${JSON.stringify({ loadMs: loaded - start, layoutMs: done - loaded, files: files.length })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
