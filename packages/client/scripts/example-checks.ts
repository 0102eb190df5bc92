/**
 * Examples are type-checked as well as validated: every example that `collectExamples` finds
 * (the same list the contract tests validate against the JSON Schemas) whose schema has a name
 * in the generated types (a request or response body, a component schema, response or request
 * body) becomes one `export const … = <value> satisfies <type>;`. `tsc` then proves that the
 * payloads the docs show and the mock serves fit the types clients are compiled against,
 * excess properties included; this catches where the generated types and the schemas part ways.
 */
import { collectExamples, type BundledSpec } from "@openregions/apis";

/** One example and the generated type it must satisfy. */
export interface ExampleCheck {
  /** TypeScript identifier of the constant. */
  readonly name: string;
  /** JSON pointer of the example, for the reader of a `tsc` error. */
  readonly pointer: string;
  /** Type expression over `paths` and `components`. */
  readonly type: string;
  readonly value: unknown;
}

const quote = (key: string): string => JSON.stringify(key);
const tokensOf = (pointer: string): string[] =>
  pointer
    .split("/")
    .slice(1)
    .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
const identifier = (parts: readonly string[]): string =>
  parts
    .join("_")
    .replace(/[^A-Za-z0-9_$]+/g, "_")
    .replace(/^(?=\d)/, "_");
const statusKey = (status: string): string => (/^\d+$/.test(status) ? status : quote(status));

/**
 * The generated type a schema pointer names, and a readable name for its examples; undefined
 * for schemas with no name of their own (nested schemas, parameters, headers).
 */
function namedType(spec: BundledSpec, schemaPointer: string): { type: string; name: string[] } | undefined {
  const t = tokensOf(schemaPointer);
  if (t[0] === "components" && t[1] === "schemas" && t.length === 3) {
    return { type: `components["schemas"][${quote(t[2]!)}]`, name: ["schema", t[2]!] };
  }
  if (t[0] === "components" && (t[1] === "responses" || t[1] === "requestBodies") && t[3] === "content" && t[5] === "schema" && t.length === 6) {
    return { type: `components[${quote(t[1])}][${quote(t[2]!)}]["content"][${quote(t[4]!)}]`, name: [t[2]!, t[4]!] };
  }
  if (t[0] !== "paths" || t.length < 6 || t.at(-1) !== "schema") return undefined;
  const [, path, method] = t as [string, string, string];
  const operation = `paths[${quote(path)}][${quote(method)}]`;
  const operationId = String((spec.paths[path]?.[method] as { operationId?: unknown } | undefined)?.operationId ?? `${method}_${path}`);
  if (t[3] === "requestBody" && t[4] === "content" && t.length === 7) {
    return { type: `NonNullable<${operation}["requestBody"]>["content"][${quote(t[5]!)}]`, name: [operationId, "request", t[5]!] };
  }
  if (t[3] === "responses" && t[5] === "content" && t.length === 8) {
    return { type: `${operation}["responses"][${statusKey(t[4]!)}]["content"][${quote(t[6]!)}]`, name: [operationId, t[4]!, t[6]!] };
  }
  return undefined;
}

/** Every example of the spec whose schema has a generated type, in the order they are found. */
export function exampleChecks(spec: BundledSpec): ExampleCheck[] {
  return collectExamples(spec).flatMap((example): ExampleCheck[] => {
    const named = namedType(spec, example.schemaPointer);
    if (!named) return [];
    // the example's own last token: `example`, a named example's key, or an `examples` index
    const where = tokensOf(example.pointer.replace(/ \(#[^)]*\)$/, "")).slice(tokensOf(example.schemaPointer).length - (example.kind === "schema" ? 0 : 1));
    const label = where.filter((token) => token !== "examples").join("_") || "example";
    return [{ name: identifier([...named.name, label]), pointer: `#${example.pointer}`, type: named.type, value: example.value }];
  });
}

/** The module `tsc` checks: imports the generated types, then one constant per example. */
export function exampleChecksModule(checks: readonly ExampleCheck[], typesModule: string, title: string): string {
  const used = new Map<string, number>();
  const lines = [
    `// Generated from the bundled spec of ${title} by packages/client/scripts/example-checks.ts: do not edit.`,
    "// Each example of the spec must satisfy the generated type it illustrates; `tsc` checks it.",
    `import type { components, paths } from ${quote(typesModule)};`,
    "",
  ];
  for (const check of checks) {
    const seen = used.get(check.name) ?? 0;
    used.set(check.name, seen + 1);
    const name = seen === 0 ? check.name : `${check.name}_${seen + 1}`;
    lines.push(`// ${check.pointer}`);
    lines.push(`export const ${name} = ${JSON.stringify(check.value, null, 2)} satisfies ${check.type};`);
    lines.push("");
  }
  if (checks.length === 0) lines.push("export {};", "");
  lines.push(`export type ExampleTypes = [components, paths];`, "");
  return lines.join("\n");
}
