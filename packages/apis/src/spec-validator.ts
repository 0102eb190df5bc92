import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { BundledSpec } from "./bundled.js";
import { listOperations, type OperationInfo } from "./operations.js";
import { pointerToken as pointer, resolvePointer } from "./refs.js";

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const SPEC_ID = "openapi.json";

export interface ResponseCheck {
  /** The problems found; empty when the response conforms. */
  readonly problems: string[];
}

/** Response headers as `fetch` gives them, or as a plain map (names in any case). */
export type HeaderSource = Headers | Readonly<Record<string, string | null | undefined>>;

export interface SpecValidator {
  readonly operations: readonly OperationInfo[];
  operation(operationId: string): OperationInfo;
  /** Statuses the spec documents for an operation, as strings ("200", "404", ...). */
  documentedStatuses(operationId: string): string[];
  /** Checks status, content type and body of a response against the spec. */
  checkResponse(operationId: string, status: number, contentType: string | null, body: unknown): ResponseCheck;
  /**
   * Checks the headers of a response: every header the documented response marks `required`
   * is present, and every documented header that is present validates against its schema.
   * An undocumented status yields no header problem (`checkResponse` reports it).
   */
  checkHeaders(operationId: string, status: number, headers: HeaderSource): ResponseCheck;
  /** Checks a request body against the operation's request schema. */
  checkRequestBody(operationId: string, body: unknown, mediaType?: string): ResponseCheck;
  /** Validates any value against the schema at a JSON pointer of the bundled spec (e.g. an example). */
  checkValueAt(schemaPointer: string, value: unknown): ResponseCheck;
}

const operationPointer = (op: OperationInfo): string => `/paths/${pointer(op.path)}/${op.method}`;

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => `${error.instancePath || "(root)"} ${error.message ?? error.keyword}`);
}

/** The part of `value` at a JSON pointer (an Ajv `instancePath`). */
function valueAt(value: unknown, instancePath: string): unknown {
  return instancePath
    .split("/")
    .slice(1)
    .reduce<unknown>((node, token) => (node as Record<string, unknown> | undefined)?.[token.replace(/~1/g, "/").replace(/~0/g, "~")], value);
}

/** Whether an instance path is `at` or below it. */
const isWithin = (instancePath: string, at: string): boolean => instancePath === at || instancePath.startsWith(`${at}/`);

function headerValue(headers: HeaderSource, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted && value != null) return value;
  return null;
}

/** Turns a header's text into the JSON type its (simple) schema asks for. */
function coerceHeader(schema: Record<string, unknown> | undefined, text: string): unknown {
  const types = [schema?.["type"]].flat();
  if (types.includes("string") || types[0] === undefined) return text;
  if ((types.includes("integer") || types.includes("number")) && text.trim() !== "" && !Number.isNaN(Number(text))) return Number(text);
  if (types.includes("boolean") && (text === "true" || text === "false")) return text === "true";
  return text;
}

/** Compiles Ajv (JSON Schema 2020-12 + formats) validators from a bundled spec, once per schema. */
export function createSpecValidator(spec: BundledSpec): SpecValidator {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addSchema(spec as object, SPEC_ID);
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (path: string): ValidateFunction => {
    let validate = compiled.get(path);
    if (!validate) {
      validate = ajv.getSchema(`${SPEC_ID}#${path}`);
      if (!validate) throw new Error(`no schema at ${path}`);
      compiled.set(path, validate);
    }
    return validate;
  };
  const validateAt = (path: string, value: unknown): ResponseCheck => {
    const validate = validatorAt(path);
    if (validate(value)) return { problems: [] };
    return { problems: describe(closestBranchErrors(path, value, validate.errors ?? [])) };
  };

  /**
   * With `allErrors`, a value that fails a `oneOf`/`anyOf` gets the errors of every branch, which
   * contradict each other (Scalingo's key, rooted or not: "required property 'name'" beside an
   * error about the `name` that was sent). Keeps those of the branch the value comes closest to
   * (the fewest errors, the first on a tie), so a message says what to fix for the shape meant.
   */
  const closestBranchErrors = (path: string, value: unknown, errors: readonly ErrorObject[]): ErrorObject[] => {
    const combinator = errors.find((error) => error.keyword === "oneOf" || error.keyword === "anyOf");
    if (!combinator) return [...errors];
    const at = combinator.instancePath;
    const where = schemaUnder(path, at);
    const node = where ? resolvePointer(spec, where).value : undefined;
    const branches = node?.[combinator.keyword];
    if (!where || !Array.isArray(branches)) return [...errors];
    const part = valueAt(value, at);
    const scored = branches.map((_, index) => {
      const branch = `${resolvePointer(spec, where).pointer}/${combinator.keyword}/${index}`;
      const validate = validatorAt(branch);
      return validate(part) ? undefined : closestBranchErrors(branch, part, validate.errors ?? []);
    });
    if (scored.some((branchErrors) => branchErrors === undefined)) return [...errors]; // a branch passes: the problem is the combinator itself (oneOf: more than one matches)
    const best = (scored as ErrorObject[][]).reduce((closest, candidate) => (candidate.length < closest.length ? candidate : closest));
    const outside = errors.filter((error) => error !== combinator && !isWithin(error.instancePath, at));
    return [...outside, ...best.map((error) => ({ ...error, instancePath: `${at}${error.instancePath}` }))];
  };

  /** The pointer of the schema that validates the value at `instancePath` below the schema at `path`, through properties, items and `$ref`s; undefined where that is not plain. */
  const schemaUnder = (path: string, instancePath: string): string | undefined => {
    let current = path;
    for (const token of instancePath.split("/").slice(1)) {
      const { value: node, pointer: resolved } = resolvePointer(spec, current);
      const properties = node["properties"] as Record<string, unknown> | undefined;
      if (properties && token.replace(/~1/g, "/").replace(/~0/g, "~") in properties) current = `${resolved}/properties/${token}`;
      else if (node["items"] && /^\d+$/.test(token)) current = `${resolved}/items`;
      else if (typeof node["additionalProperties"] === "object") current = `${resolved}/additionalProperties`;
      else return undefined;
    }
    return current;
  };

  const operations = listOperations(spec);
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  const operation = (operationId: string): OperationInfo => {
    const found = byId.get(operationId);
    if (!found) throw new Error(`the spec has no operation "${operationId}"`);
    return found;
  };
  const responses = (op: OperationInfo) => (op.operation["responses"] ?? {}) as Record<string, Record<string, unknown>>;
  /** The documented response that answers `status` (exact, then `2XX`, then `default`), where it lives. */
  const documentedResponse = (op: OperationInfo, status: number) => {
    const documented = responses(op);
    const range = `${String(status)[0]}XX`;
    const key = String(status) in documented ? String(status) : range in documented ? range : "default";
    if (!documented[key]) return undefined;
    return resolvePointer(spec, `${operationPointer(op)}/responses/${key}`);
  };

  return {
    operations,
    operation,
    documentedStatuses: (operationId) => Object.keys(responses(operation(operationId))),
    checkResponse(operationId, status, contentType, body) {
      const found = documentedResponse(operation(operationId), status);
      if (!found) return { problems: [`status ${status} is not documented for ${operationId}`] };
      const { value: response, pointer: responsePointer } = found;
      const content = response["content"] as Record<string, unknown> | undefined;
      if (!content) {
        const empty = body === undefined || body === null || body === "";
        return { problems: empty ? [] : [`status ${status} documents no body, got one`] };
      }
      const mediaType = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
      if (!(mediaType in content)) {
        return { problems: [`content type "${contentType}" is not documented for ${status} (expected ${Object.keys(content).join(", ")})`] };
      }
      return validateAt(`${responsePointer}/content/${pointer(mediaType)}/schema`, body);
    },
    checkHeaders(operationId, status, headers) {
      const found = documentedResponse(operation(operationId), status);
      if (!found) return { problems: [] };
      const documented = (found.value["headers"] ?? {}) as Record<string, unknown>;
      const problems: string[] = [];
      for (const name of Object.keys(documented)) {
        if (name.toLowerCase() === "content-type") continue; // OpenAPI ignores it; checkResponse owns it
        const { value: header, pointer: headerPointer } = resolvePointer(spec, `${found.pointer}/headers/${pointer(name)}`);
        const text = headerValue(headers, name);
        if (text === null) {
          if (header["required"] === true) problems.push(`required header ${name} is missing from the ${status} response`);
          continue;
        }
        if (!header["schema"]) continue;
        const { value: schema } = resolvePointer(spec, `${headerPointer}/schema`);
        const check = validateAt(`${headerPointer}/schema`, coerceHeader(schema, text));
        problems.push(...check.problems.map((problem) => `header ${name}: ${problem.replace(/^\(root\) /, "")}`));
      }
      return { problems };
    },
    checkRequestBody(operationId, body, mediaType = "application/json") {
      const op = operation(operationId);
      const { pointer: bodyPointer } = resolvePointer(spec, `${operationPointer(op)}/requestBody`);
      return validateAt(`${bodyPointer}/content/${pointer(mediaType)}/schema`, body);
    },
    checkValueAt: validateAt,
  };
}
