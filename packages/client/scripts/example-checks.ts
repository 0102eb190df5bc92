/**
 * Examples are type-checked as well as validated: for every example of a bundled spec that
 * illustrates a type the generated `paths`/`components` name (request bodies, response bodies,
 * named examples, component schemas), one `export const … = <value> satisfies <type>;`. `tsc`
 * then proves that the payloads the docs show and the mock serves fit the types clients are
 * compiled against, excess properties included. Redocly lint and the contract tests check the
 * same examples against the JSON Schemas; this catches where the generated types and the schemas
 * part ways.
 */
import { deref, listOperations, type BundledSpec } from "@openregions/apis";

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

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);
const quote = (key: string): string => JSON.stringify(key);
const token = (key: string): string => key.replace(/~/g, "~0").replace(/\//g, "~1");
const identifier = (...parts: string[]): string =>
  parts
    .join("_")
    .replace(/[^A-Za-z0-9_$]+/g, "_")
    .replace(/^(?=\d)/, "_");

/** The examples of one media type object: `example`, then each named `examples.*.value`. */
function mediaExamples(spec: BundledSpec, media: Node, pointer: string): Array<{ label: string; pointer: string; value: unknown }> {
  const found: Array<{ label: string; pointer: string; value: unknown }> = [];
  if (media.example !== undefined) found.push({ label: "example", pointer: `${pointer}/example`, value: media.example });
  if (isNode(media.examples)) {
    for (const [key, entry] of Object.entries(media.examples)) {
      const example = deref<Node>(spec, entry);
      if (isNode(example) && example.value !== undefined) found.push({ label: key, pointer: `${pointer}/examples/${token(key)}`, value: example.value });
    }
  }
  return found;
}

/** Every example of the spec with the generated type it illustrates, in document order. */
export function exampleChecks(spec: BundledSpec): ExampleCheck[] {
  const checks: ExampleCheck[] = [];
  for (const op of listOperations(spec)) {
    const operationType = `paths[${quote(op.path)}][${quote(op.method)}]`;
    const operationPointer = `#/paths/${token(op.path)}/${op.method}`;

    const requestBody = deref<Node | undefined>(spec, op.operation.requestBody);
    if (isNode(requestBody) && isNode(requestBody.content)) {
      for (const [mediaType, media] of Object.entries(requestBody.content)) {
        if (!isNode(media)) continue;
        for (const example of mediaExamples(spec, media, `${operationPointer}/requestBody/content/${token(mediaType)}`)) {
          checks.push({
            name: identifier(op.operationId, "request", mediaType, example.label),
            pointer: example.pointer,
            type: `NonNullable<${operationType}["requestBody"]>["content"][${quote(mediaType)}]`,
            value: example.value,
          });
        }
      }
    }

    const responses = isNode(op.operation.responses) ? op.operation.responses : {};
    for (const [status, entry] of Object.entries(responses)) {
      const response = deref<Node>(spec, entry);
      if (!isNode(response) || !isNode(response.content)) continue;
      const statusKey = /^\d+$/.test(status) ? status : quote(status);
      for (const [mediaType, media] of Object.entries(response.content)) {
        if (!isNode(media)) continue;
        for (const example of mediaExamples(spec, media, `${operationPointer}/responses/${status}/content/${token(mediaType)}`)) {
          checks.push({
            name: identifier(op.operationId, status, mediaType, example.label),
            pointer: example.pointer,
            type: `${operationType}["responses"][${statusKey}]["content"][${quote(mediaType)}]`,
            value: example.value,
          });
        }
      }
    }
  }

  const schemas = spec.components?.schemas ?? {};
  for (const [name, schema] of Object.entries(schemas)) {
    if (!isNode(schema)) continue;
    const values: Array<[string, unknown]> = [];
    if (schema.example !== undefined) values.push(["example", schema.example]);
    if (Array.isArray(schema.examples)) {
      for (const [i, value] of schema.examples.entries()) values.push([`examples/${i}`, value]);
    }
    for (const [where, value] of values) {
      checks.push({
        name: identifier("schema", name, where),
        pointer: `#/components/schemas/${token(name)}/${where}`,
        type: `components["schemas"][${quote(name)}]`,
        value,
      });
    }
  }
  return checks;
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
