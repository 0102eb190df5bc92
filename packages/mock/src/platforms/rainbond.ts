/**
 * A Rainbond console in the sandbox: only known access keys pass (401 "No token" without one,
 * "No such user" for an unknown one), a region is found by its name or its id, a second region
 * of the same name is refused with the console's 400, and Rainbond's loose error body.
 */
import { sentFields } from "../sandbox/collections.js";
import { idLike, secret } from "../sandbox/generate.js";
import type { JsonObject, SandboxResponse } from "../sandbox/http-types.js";
import type { Collection } from "../sandbox/spec-model.js";
import type { Platform, PlatformError, PrintedCredential, SandboxContext } from "../sandbox/platform.js";

/** The security scheme of the v2 management API. */
const MANAGE_SCHEME = "manageToken";

/** Business code of a validation failure, as the console sends it. */
const VALIDATION_CODE = 20400;

function message(status: number, msg: string, extra: JsonObject = {}): SandboxResponse {
  return { status, body: { code: status, msg, msg_show: msg, ...extra } };
}

function error(problem: PlatformError): SandboxResponse {
  switch (problem.kind) {
    case "unauthorized":
      return { status: 401, body: { detail: problem.message, code: 401, msg: problem.message, msg_show: problem.message } };
    case "forbidden":
      return message(403, "You do not have permission to perform this action.", { detail: "You do not have permission to perform this action." });
    case "not-found":
      return message(404, problem.resource ? "no found region" : problem.message, { msg_show: problem.resource ? "数据中心不存在" : problem.message });
    case "invalid": {
      const fields: Record<string, string[]> = {};
      const loose: string[] = [];
      for (const entry of problem.problems ?? []) {
        if (entry.field) fields[entry.field] = [...(fields[entry.field] ?? []), entry.message];
        else loose.push(entry.message);
      }
      const err = Object.keys(fields).length > 0 ? fields : loose.length > 0 ? loose : [problem.message];
      return { status: problem.status, body: { detail: "参数错误", err, code: VALIDATION_CODE } };
    }
    case "method-not-allowed": {
      const method = problem.operation?.info.method.toUpperCase() ?? "this method";
      const text = `Method "${method}" not allowed.`;
      return { status: problem.status, body: { detail: text, code: problem.status, msg: text, msg_show: text, error_type: "MethodNotAllowed" } };
    }
    default:
      return message(problem.status, problem.message);
  }
}

/**
 * The console's management token (its `MANAGE_TOKEN` setting) for the v2 management API. The
 * spec shows none (each console sets its own), so the sandbox states one; `npm start` prints it.
 */
export const SANDBOX_MANAGE_TOKEN = "sandbox-manage-token-0123456789abcdef";

/** The access keys the sandbox accepts: the example key of the spec's security scheme. */
function exampleKeys(context: Omit<SandboxContext, "state">): string[] {
  const schemes = (context.model.spec.components?.["securitySchemes"] ?? {}) as Record<string, { description?: string }>;
  return Object.values(schemes).flatMap((scheme) => [...(scheme.description ?? "").matchAll(/\b[0-9a-f]{40}\b/g)].map((match) => match[0]));
}

export function createPlatform(context: Omit<SandboxContext, "state">): Platform {
  return {
    error,
    authenticate(credential, _operation, running) {
      const keys = (running.state.data.platform["accessKeys"] as string[] | undefined) ?? [];
      if (credential.type !== "apiKey") return { refused: error({ kind: "unauthorized", status: 401, message: "No token" }) };
      // The v2 management API compares the header with the console's one token.
      if (credential.scheme === MANAGE_SCHEME) {
        return credential.value === SANDBOX_MANAGE_TOKEN ? { principal: { subject: "console", credential } } : { refused: error({ kind: "unauthorized", status: 401, message: "No such user" }) };
      }
      if (!keys.includes(credential.value)) return { refused: error({ kind: "unauthorized", status: 401, message: "No such user" }) };
      return { principal: { subject: credential.value, credential } };
    },
    matches: (_collection: Collection, item: JsonObject, param: string) => item["region_name"] === param,
    beforeCreate(collection, item, input) {
      const taken = input.context.state.items(collection.path).some((other) => other["region_name"] === item["region_name"]);
      if (taken) return { status: 400, body: { msg: "数据中心名称已存在", code: 400, msg_show: "数据中心名称已存在" } };
      const sent = sentFields(collection, input.valid.body);
      if (typeof sent["token"] !== "string") item["token"] = secret("", 32);
      // The console's serializer ignores a region_id in the body and generates one.
      if (sent[collection.idField] !== undefined) item[collection.idField] = idLike(sent[collection.idField], input.context.state.nextCounter());
      return undefined;
    },
    seed(data) {
      data.platform["accessKeys"] = exampleKeys(context);
    },
    schemeHeaders(running): Record<string, Record<string, string>> {
      const key = ((running.state.data.platform["accessKeys"] as string[] | undefined) ?? [])[0];
      return { ...(key ? { accessKey: { Authorization: key } } : {}), [MANAGE_SCHEME]: { Authorization: SANDBOX_MANAGE_TOKEN } };
    },
    credentials(running): PrintedCredential[] {
      const keys = (running.state.data.platform["accessKeys"] as string[] | undefined) ?? [];
      return [
        ...keys.slice(0, 1).map((key) => ({ label: "access key (an enterprise administrator's)", env: { RAINBOND_ACCESS_KEY: key } })),
        { label: "management token of the v2 API (served: OPENAPI_V2=true)", env: { RAINBOND_MANAGE_TOKEN: SANDBOX_MANAGE_TOKEN } },
      ];
    },
  };
}
