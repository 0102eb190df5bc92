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

/** Returns the OpenAPI 3.0.3 copy of a bundled 3.1 document (the input is left as it is). */
export function downConvert(doc31: OpenApiDocument): OpenApiDocument {
  if (typeof doc31["openapi"] !== "string" || !doc31["openapi"].startsWith("3.1.")) {
    throw new Error(`down-convert: expected an OpenAPI 3.1 document, got openapi: ${JSON.stringify(doc31["openapi"])}`);
  }
  const doc30 = new Converter(structuredClone(doc31), { convertSchemaComments: true }).convert() as OpenApiDocument;
  doc30["openapi"] = "3.0.3";
  delete doc30["jsonSchemaDialect"];
  foldInfoSummary(doc30);
  return doc30;
}
