/**
 * What a description says, reduced to what a down-conversion must keep: its operations (method,
 * path, operationId, parameters), each operation's statuses and media types, and the property
 * names of every schema, nested ones written as paths (`region.api`).
 */
type Json = Record<string, unknown>;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** Every property path under `schema`, through allOf/oneOf/anyOf, items and nested properties (a `$ref` is its own schema). */
export function propertyPaths(schema: unknown, prefix = "", into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(schema)) {
    for (const item of schema) propertyPaths(item, prefix, into);
    return into;
  }
  if (!isRecord(schema)) return into;
  if (typeof schema["$ref"] === "string") into.add(`${prefix}→${schema["$ref"]}`);
  const properties = schema["properties"];
  if (isRecord(properties)) {
    for (const [name, sub] of Object.entries(properties)) {
      into.add(`${prefix}${name}`);
      propertyPaths(sub, `${prefix}${name}.`, into);
    }
  }
  for (const key of ["allOf", "oneOf", "anyOf", "items", "additionalProperties", "not"]) propertyPaths(schema[key], prefix, into);
  return into;
}

export interface Substance {
  readonly operations: string[];
  readonly statuses: Record<string, string[]>;
  readonly parameters: Record<string, string[]>;
  readonly bodies: Record<string, string[]>;
  readonly schemas: Record<string, string[]>;
  readonly securitySchemes: string[];
}

const sorted = (values: Iterable<string>): string[] => [...values].sort();

export function substanceOf(doc: Json): Substance {
  const result: Substance = { operations: [], statuses: {}, parameters: {}, bodies: {}, schemas: {}, securitySchemes: [] };
  const paths = isRecord(doc["paths"]) ? doc["paths"] : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isRecord(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      const key = `${method.toUpperCase()} ${path} ${String(op["operationId"])}`;
      result.operations.push(key);
      const responses = isRecord(op["responses"]) ? op["responses"] : {};
      result.statuses[key] = sorted(Object.keys(responses));
      const parameters = [...(Array.isArray(item["parameters"]) ? item["parameters"] : []), ...(Array.isArray(op["parameters"]) ? op["parameters"] : [])];
      result.parameters[key] = sorted(parameters.map((p) => (isRecord(p) ? String(p["$ref"] ?? `${String(p["in"])}:${String(p["name"])}`) : "?")));
      const contents: Array<[string, unknown]> = [];
      if (isRecord(op["requestBody"])) contents.push(["request", op["requestBody"]]);
      for (const [status, response] of Object.entries(responses)) contents.push([status, response]);
      for (const [where, holder] of contents) {
        if (!isRecord(holder)) continue;
        if (typeof holder["$ref"] === "string") {
          result.bodies[`${key} ${where}`] = [`→${holder["$ref"]}`];
          continue;
        }
        const content = isRecord(holder["content"]) ? holder["content"] : {};
        for (const [mediaType, media] of Object.entries(content)) {
          result.bodies[`${key} ${where} ${mediaType}`] = sorted(propertyPaths(isRecord(media) ? media["schema"] : undefined));
        }
      }
    }
  }
  result.operations.sort();
  const components = isRecord(doc["components"]) ? doc["components"] : {};
  const schemas = isRecord(components["schemas"]) ? components["schemas"] : {};
  for (const [name, schema] of Object.entries(schemas)) result.schemas[name] = sorted(propertyPaths(schema));
  result.securitySchemes.push(...sorted(Object.keys(isRecord(components["securitySchemes"]) ? components["securitySchemes"] : {})));
  return result;
}
