/**
 * Wire types from a JSON Schema: `src/run/wire.generated.ts` from `schema/run.schema.json`, so a
 * field of run.json is added in one place (the schema) plus its conversion.
 *
 * Our own small generator rather than json-schema-to-typescript: that library names types by
 * `title` (`"[name, hash] pair"` becomes `NameHashPair`), turns the reportable's `if`/`then` per
 * kind into an untyped `data: {[k: string]: unknown}`, and brings some 40 packages. This one knows
 * the few constructs our schemas use (type, enum, const, anyOf, $ref, arrays, fixed-length tuples,
 * objects with properties or additionalProperties, and `allOf` of `if {X: const} then {Y: $ref}`,
 * which becomes a `…YByX` map) and throws on anything else, so a schema edit it cannot express
 * fails loudly instead of producing a loose type.
 */

/** A schema node as the file holds it. */
type Node = { readonly [key: string]: unknown };

/** Options of `wireTypesSource`. */
export interface WireTypesOptions {
  /** Name of the root type (`WireRun`). */
  readonly rootName: string;
  /** Prefix of definition types (`Wire`: `definitions/runInfo` → `WireRunInfo`). */
  readonly prefix: string;
  /** The schema file, named in the header. */
  readonly source: string;
  /**
   * Enums also exported as values, by the pointer of their node: `definitions/runStatus` →
   * `RUN_STATUSES`, typed as that definition; `properties/schema_version` → `SCHEMA_VERSIONS`.
   */
  readonly enumValues: Readonly<Record<string, string>>;
  /** Name of a constant mapping each root array property to the definition of its items (`records` → `record`). */
  readonly itemDefinitions?: string;
}

const asNode = (v: unknown): Node | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Node) : undefined;

const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

/** A TSDoc block for a description, indented. */
function doc(node: Node, indent: string): string {
  const text = node["description"];
  if (typeof text !== "string") return "";
  return `${indent}/** ${text.replace(/\*\//g, "*\\/")} */\n`;
}

/** Generates the TypeScript source of the wire types of `schema`. */
export function wireTypesSource(schema: Node, options: WireTypesOptions): string {
  const definitions = asNode(schema["definitions"]) ?? {};
  const typeName = (def: string): string => `${options.prefix}${pascal(def)}`;
  const byKindMaps: string[] = [];

  const refName = (ref: string): string => {
    const match = /^#\/definitions\/([A-Za-z0-9]+)$/.exec(ref);
    if (match?.[1] === undefined || !(match[1] in definitions)) throw new Error(`unsupported $ref ${ref}`);
    return typeName(match[1]);
  };

  /** The type of `node`; `where` names the node in errors, `owner` names the object type it belongs to. */
  const typeOf = (node: Node, where: string, owner?: string, property?: string): string => {
    if (typeof node["$ref"] === "string") return refName(node["$ref"]);
    if ("const" in node) return JSON.stringify(node["const"]);
    if (Array.isArray(node["enum"])) return node["enum"].map((v) => JSON.stringify(v)).join(" | ");
    if (Array.isArray(node["anyOf"]))
      return node["anyOf"].map((n, i) => typeOf(asNode(n) ?? {}, `${where}/anyOf/${i}`)).join(" | ");
    const type = node["type"];
    if (type === undefined) return "JsonValue";
    const types = Array.isArray(type) ? (type as string[]) : [type as string];
    return types.map((t) => single(t, node, where, owner, property)).join(" | ");
  };

  const single = (t: string, node: Node, where: string, owner?: string, property?: string): string => {
    switch (t) {
      case "string":
      case "boolean":
      case "null":
        return t;
      case "number":
      case "integer":
        return "number";
      case "array":
        return arrayType(node, where);
      case "object":
        return objectType(node, where, owner, property);
      default:
        throw new Error(`unsupported type ${String(t)} at ${where}`);
    }
  };

  const arrayType = (node: Node, where: string): string => {
    const items = asNode(node["items"]);
    const item = items === undefined ? "JsonValue" : typeOf(items, `${where}/items`);
    const size = node["minItems"];
    if (typeof size === "number" && size === node["maxItems"] && size <= 4)
      return `[${Array.from({ length: size }, () => item).join(", ")}]`;
    return item.includes(" | ") ? `(${item})[]` : `${item}[]`;
  };

  /** An inline object type (definitions become interfaces in `definition`). */
  const objectType = (node: Node, where: string, owner?: string, property?: string): string => {
    if (owner !== undefined && property !== undefined && byKind.has(`${owner}.${property}`))
      return byKind.get(`${owner}.${property}`) as string;
    const props = asNode(node["properties"]);
    const extra = node["additionalProperties"];
    if (props !== undefined) return `{ ${members(node, where, "").join(" ")} }`;
    if (extra === false) return "Record<string, never>";
    const value = asNode(extra);
    return `{ [key: string]: ${value === undefined ? "JsonValue" : typeOf(value, `${where}/additionalProperties`)} }`;
  };

  const members = (node: Node, where: string, indent: string, owner?: string): string[] => {
    const props = asNode(node["properties"]) ?? {};
    const required = new Set(Array.isArray(node["required"]) ? (node["required"] as string[]) : []);
    return Object.entries(props).map(([key, value]) => {
      const prop = asNode(value) ?? {};
      const name = /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : JSON.stringify(key);
      const optional = required.has(key) ? "" : "?";
      return `${doc(prop, indent)}${indent}${name}${optional}: ${typeOf(prop, `${where}/properties/${key}`, owner, key)};`;
    });
  };

  // `allOf: [{ if: {properties: {X: {const: c}}}, then: {properties: {Y: {$ref}}}}]` → `<Def>YByX`.
  const byKind = new Map<string, string>();
  for (const [def, value] of Object.entries(definitions)) {
    const node = asNode(value) ?? {};
    if (!Array.isArray(node["allOf"])) continue;
    const entries: [string, string][] = [];
    let on: [string, string] | undefined;
    for (const [i, part] of (node["allOf"] as unknown[]).entries()) {
      const ifProps = asNode(asNode(asNode(part)?.["if"])?.["properties"]) ?? {};
      const thenProps = asNode(asNode(asNode(part)?.["then"])?.["properties"]) ?? {};
      const [x, cond] = Object.entries(ifProps)[0] ?? [];
      const [y, target] = Object.entries(thenProps)[0] ?? [];
      const c = asNode(cond)?.["const"];
      const ref = asNode(target)?.["$ref"];
      if (x === undefined || y === undefined || typeof c !== "string" || typeof ref !== "string")
        throw new Error(`unsupported allOf/${i} in definitions/${def}`);
      if (on !== undefined && (on[0] !== x || on[1] !== y))
        throw new Error(`definitions/${def}: allOf parts select different properties`);
      on = [x, y];
      entries.push([c, refName(ref)]);
    }
    if (on === undefined) continue;
    const mapName = `${typeName(def)}${pascal(on[1])}By${pascal(on[0])}`;
    const keyType = typeOf(asNode(asNode(node["properties"])?.[on[0]]) ?? {}, `definitions/${def}/properties/${on[0]}`);
    byKind.set(`${typeName(def)}.${on[1]}`, `${mapName}[${keyType}]`);
    byKindMaps.push(
      `/** \`${on[1]}\` of a ${def} by its \`${on[0]}\` (the schema's allOf/if/then). */\nexport interface ${mapName} {\n${entries.map(([k, t]) => `  ${k}: ${t};`).join("\n")}\n}\n`,
    );
  }

  const definition = (name: string, node: Node, where: string): string => {
    const header = doc(node, "");
    const isInterface = node["type"] === "object" && asNode(node["properties"]) !== undefined;
    if (isInterface) {
      if (node["additionalProperties"] !== false)
        throw new Error(`${where}: an object with properties must close them`);
      return `${header}export interface ${name} {\n${members(node, where, "  ", name).join("\n")}\n}\n`;
    }
    return `${header}export type ${name} = ${typeOf(node, where)};\n`;
  };

  const parts = [
    "// Generated by scripts/generate.ts (npm run generate) from " +
      `${options.source}: do not edit. Edit the schema and regenerate; a test fails when this file is stale.`,
    "",
    "/** Any JSON value. */",
    "export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };",
    "",
    definition(options.rootName, schema, "#"),
  ];
  for (const [def, value] of Object.entries(definitions))
    parts.push(definition(typeName(def), asNode(value) ?? {}, `#/definitions/${def}`));
  parts.push(...byKindMaps);
  for (const [pointer, constant] of Object.entries(options.enumValues)) {
    const node = pointer.split("/").reduce<Node | undefined>((n, part) => asNode(n?.[part]), schema);
    const values = node?.["enum"];
    if (!Array.isArray(values)) throw new Error(`${pointer} has no enum to export as ${constant}`);
    const def = /^definitions\/([A-Za-z0-9]+)$/.exec(pointer)?.[1];
    const type = def === undefined ? values.map((v) => JSON.stringify(v)).join(" | ") : typeName(def);
    parts.push(
      `/** The schema's \`${pointer}\` enum, in its order. */\nexport const ${constant}: readonly (${type})[] = ${JSON.stringify(values)};\n`,
    );
  }
  if (options.itemDefinitions !== undefined) {
    const lists = Object.entries(asNode(schema["properties"]) ?? {}).flatMap(([key, value]): [string, string][] => {
      const ref = asNode(asNode(value)?.["items"])?.["$ref"];
      return typeof ref === "string" ? [[key, ref.replace("#/definitions/", "")]] : [];
    });
    parts.push(
      `/** Each root list of the document and the definition its items fit. */\nexport const ${options.itemDefinitions} = ${JSON.stringify(Object.fromEntries(lists))} as const;\n`,
    );
  }
  return parts.join("\n");
}
