/**
 * OpenAPI 3.1 → 3.0 for tools that read only 3.0: @apiture/openapi-down-convert does the JSON
 * Schema work (type arrays with "null" → nullable, const → enum, examples → example, 2020-12
 * keywords 3.0 lacks, license identifier); the few 3.1 fields it leaves are moved here, each named.
 */
import { Converter } from "@apiture/openapi-down-convert";

/** A JSON document as the converter sees it. */
export type OpenApiDocument = Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** 3.0's `info` has no `summary`: it becomes the first paragraph of the description. */
function foldInfoSummary(doc: OpenApiDocument): void {
  const info = doc["info"];
  if (!isRecord(info) || typeof info["summary"] !== "string") return;
  const summary = info["summary"];
  delete info["summary"];
  info["description"] = typeof info["description"] === "string" ? `${summary}\n\n${info["description"]}` : summary;
}

/** 2020-12 keywords 3.0 lacks that the converter leaves: kept as extensions, which 3.0 allows. */
const KEPT_AS_EXTENSIONS = ["dependentRequired", "dependentSchemas"];

/**
 * What the converter leaves of JSON Schema 2020-12, fitted to 3.0: a type array
 * (`[string, integer]`; it only folds `"null"` into `nullable`) becomes an `anyOf` of one schema
 * per type, which 3.0 reads the same way, with `nullable: true` for a `"null"` among them; a
 * lone `type: "null"` becomes `nullable: true, enum: [null]`; `dependentRequired` and
 * `dependentSchemas` move to `x-` extensions, so nothing is lost.
 */
function fitSchemasTo30(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) fitSchemasTo30(item);
    return;
  }
  if (!isRecord(node)) return;
  for (const value of Object.values(node)) fitSchemasTo30(value);
  for (const keyword of KEPT_AS_EXTENSIONS) {
    if (!(keyword in node)) continue;
    node[`x-${keyword}`] = node[keyword];
    delete node[keyword];
  }
  const type = node["type"];
  if (type === "null") {
    delete node["type"];
    node["nullable"] = true;
    node["enum"] = [null];
    return;
  }
  if (!Array.isArray(type)) return;
  const names = type.filter((name): name is string => typeof name === "string" && name !== "null");
  if (type.includes("null")) node["nullable"] = true;
  delete node["type"];
  if (names.length === 1) node["type"] = names[0];
  else node["anyOf"] = [...((node["anyOf"] as unknown[] | undefined) ?? []), ...names.map((name) => ({ type: name }))];
}

/** Returns the OpenAPI 3.0.3 copy of a bundled 3.1 document (the input is left as it is). */
export function downConvert(doc31: OpenApiDocument): OpenApiDocument {
  if (typeof doc31["openapi"] !== "string" || !doc31["openapi"].startsWith("3.1.")) {
    throw new Error(`down-convert: expected an OpenAPI 3.1 document, got openapi: ${JSON.stringify(doc31["openapi"])}`);
  }
  const doc30 = new Converter(structuredClone(doc31), { convertSchemaComments: true }).convert() as OpenApiDocument;
  doc30["openapi"] = "3.0.3";
  delete doc30["jsonSchemaDialect"];
  foldInfoSummary(doc30);
  fitSchemasTo30(doc30);
  return doc30;
}
