// A Node module hook (`node --import ./test/helpers/loadLog.mjs …`) that prints every ES module
// the process loads to stderr as `loaded <url>`, so a test can see what a command pulls in.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(
      `export async function load(url, context, next) { process.stderr.write("loaded " + url + "\\n"); return next(url, context); }`,
    ),
);
