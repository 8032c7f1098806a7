/**
 * run.json's canonical key order is the schema's property order: every valid fixture, read and
 * converted back to the wire, has its keys in that order at every object the schema lists
 * properties for. (What used to be "keep in sync" comments in convert.ts.)
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readRun } from "../../src/run/read.js";
import { modelToWire } from "../../src/run/convert.js";

type Node = { [key: string]: unknown };
const schema = JSON.parse(readFileSync(path.resolve("schema/run.schema.json"), "utf8")) as Node;
const definitions = schema["definitions"] as { [name: string]: Node };

const resolve = (node: Node): Node =>
  typeof node["$ref"] === "string" ? (definitions[node["$ref"].replace("#/definitions/", "")] ?? node) : node;

/** Keys of objects in `value` that are out of the schema's order, as `pointer: keys`. */
function outOfOrder(value: unknown, node: Node, pointer: string): string[] {
  const s = resolve(node);
  if (Array.isArray(value)) {
    const items = s["items"] as Node | undefined;
    return items === undefined ? [] : value.flatMap((v, i) => outOfOrder(v, items, `${pointer}/${i}`));
  }
  if (typeof value !== "object" || value === null) return [];
  const props = s["properties"] as { [key: string]: Node } | undefined;
  if (props === undefined) return [];
  const order = Object.keys(props);
  const keys = Object.keys(value).filter((k) => order.includes(k));
  const sorted = [...keys].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  const here = keys.join() === sorted.join() ? [] : [`${pointer}: ${keys.join(", ")}`];
  return [...here, ...keys.flatMap((k) => outOfOrder((value as Node)[k], props[k] as Node, `${pointer}/${k}`))];
}

describe("run.json key order", () => {
  for (const name of readdirSync(path.resolve("fixtures/runs")).sort()) {
    it(`${name}: written in the schema's property order`, async () => {
      const wire = modelToWire(await readRun(path.resolve("fixtures/runs", name)));
      expect(outOfOrder(wire, schema, "")).toEqual([]);
    });
  }

  it("finds keys out of order (the check can fail)", () => {
    expect(outOfOrder({ run_info: { experiment_name: "e", reference: "r" } }, schema, "")).toEqual([
      "/run_info: experiment_name, reference",
    ]);
  });
});
