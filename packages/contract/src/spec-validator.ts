import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { listOperations, pointerToken as pointer, resolvePointer, type BundledSpec, type OperationInfo } from "@openregions/apis";

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const SPEC_ID = "openapi.json";

export interface ResponseCheck {
  /** The problems found; empty when the response conforms. */
  readonly problems: string[];
}

export interface SpecValidator {
  readonly operations: readonly OperationInfo[];
  operation(operationId: string): OperationInfo;
  /** Statuses the spec documents for an operation, as strings ("200", "404", ...). */
  documentedStatuses(operationId: string): string[];
  /** Checks status, content type and body of a response against the spec. */
  checkResponse(operationId: string, status: number, contentType: string | null, body: unknown): ResponseCheck;
  /** Checks a request body against the operation's request schema. */
  checkRequestBody(operationId: string, body: unknown, mediaType?: string): ResponseCheck;
}

const operationPointer = (op: OperationInfo): string => `/paths/${pointer(op.path)}/${op.method}`;

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => `${error.instancePath || "(root)"} ${error.message ?? error.keyword}`);
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

  const operations = listOperations(spec);
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  const operation = (operationId: string): OperationInfo => {
    const found = byId.get(operationId);
    if (!found) throw new Error(`the spec has no operation "${operationId}"`);
    return found;
  };
  const responses = (op: OperationInfo) => (op.operation["responses"] ?? {}) as Record<string, Record<string, unknown>>;

  return {
    operations,
    operation,
    documentedStatuses: (operationId) => Object.keys(responses(operation(operationId))),
    checkResponse(operationId, status, contentType, body) {
      const op = operation(operationId);
      const documented = responses(op);
      const key = String(status) in documented ? String(status) : `${String(status)[0]}XX` in documented ? `${String(status)[0]}XX` : "default";
      if (!documented[key]) return { problems: [`status ${status} is not documented for ${operationId}`] };
      const { value: response, pointer: responsePointer } = resolvePointer(spec, `${operationPointer(op)}/responses/${key}`);
      const content = response["content"] as Record<string, unknown> | undefined;
      if (!content) {
        const empty = body === undefined || body === null || body === "";
        return { problems: empty ? [] : [`status ${status} documents no body, got one`] };
      }
      const mediaType = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
      if (!(mediaType in content)) {
        return { problems: [`content type "${contentType}" is not documented for ${status} (expected ${Object.keys(content).join(", ")})`] };
      }
      const validate = validatorAt(`${responsePointer}/content/${pointer(mediaType)}/schema`);
      return { problems: validate(body) ? [] : describe(validate.errors) };
    },
    checkRequestBody(operationId, body, mediaType = "application/json") {
      const op = operation(operationId);
      const { pointer: bodyPointer } = resolvePointer(spec, `${operationPointer(op)}/requestBody`);
      const validate = validatorAt(`${bodyPointer}/content/${pointer(mediaType)}/schema`);
      return { problems: validate(body) ? [] : describe(validate.errors) };
    },
  };
}
