/**
 * Huawei Cloud Stack IAM (Keystone v3) in the sandbox: the password login checks user,
 * password and domain and issues a 24-hour token in `X-Subject-Token`, with a catalogue whose
 * identity endpoint is the sandbox itself; `X-Auth-Token` is checked on every call; Keystone's
 * error body (and `WWW-Authenticate` on 401). Regions are the generic collection.
 */
import { secret } from "../sandbox/generate.js";
import { isObject, type JsonObject, type SandboxResponse } from "../sandbox/http-types.js";
import type { HandlerInput, OperationHandler, Platform, PlatformError, PrintedCredential, SandboxContext } from "../sandbox/platform.js";
import type { SandboxOperation } from "../sandbox/spec-model.js";

/** Keystone's documented token lifetime. */
export const TOKEN_TTL_SECONDS = 24 * 3600;

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  413: "Request Entity Too Large",
  415: "Unsupported Media Type",
  500: "Internal Server Error",
};

interface Account {
  user: JsonObject & { domain: JsonObject };
  password: string;
  project: JsonObject;
}

/** Keystone writes times with microseconds: `2022-08-17T02:31:05.451000Z`. */
const keystoneTime = (ms: number): string => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");

function keystoneError(status: number, message: string, identityUrl: string): SandboxResponse {
  const headers: Record<string, string> = status === 401 ? { "WWW-Authenticate": `Keystone uri="${identityUrl}"` } : {};
  return { status, headers, body: { error: { code: status, title: TITLES[status] ?? "Error", message } } };
}

const REQUIRES_AUTH = "The request you have made requires authentication.";

function matchesRef(ref: unknown, target: JsonObject): boolean {
  if (!isObject(ref)) return false;
  if (ref["id"] !== undefined) return ref["id"] === target["id"];
  return ref["name"] !== undefined && ref["name"] === target["name"];
}

function account(context: SandboxContext): Account {
  return context.state.data.platform["account"] as unknown as Account;
}

/** The login's outcome: the account and the scope asked for, or the reason it is refused. */
function checkLogin(body: unknown, context: SandboxContext): { account: Account; scope: "project" | "domain" } | { status: number; message: string } {
  const auth = isObject(body) && isObject(body["auth"]) ? body["auth"] : {};
  const identity = isObject(auth["identity"]) ? auth["identity"] : {};
  const methods = Array.isArray(identity["methods"]) ? identity["methods"] : [];
  const password = isObject(identity["password"]) && isObject(identity["password"]["user"]) ? identity["password"]["user"] : undefined;
  if (!methods.includes("password") || !password) return { status: 401, message: REQUIRES_AUTH };
  const known = account(context);
  const sameUser = matchesRef(password, known.user) && (password["id"] !== undefined || matchesRef(password["domain"], known.user.domain));
  if (!sameUser || password["password"] !== known.password) return { status: 401, message: REQUIRES_AUTH };
  const scope = isObject(auth["scope"]) ? auth["scope"] : {};
  if (isObject(scope["project"])) {
    return matchesRef(scope["project"], known.project) ? { account: known, scope: "project" } : { status: 401, message: REQUIRES_AUTH };
  }
  if (isObject(scope["domain"])) {
    return matchesRef(scope["domain"], known.user.domain) ? { account: known, scope: "domain" } : { status: 401, message: REQUIRES_AUTH };
  }
  return { account: known, scope: "project" };
}

/** The example token document of the scope, with the sandbox's times and its own identity endpoint. */
function tokenDocument(operation: SandboxOperation, scope: "project" | "domain", now: number, publicUrl: string): { token: JsonObject } {
  const examples = operation.successExamples.filter(isObject);
  const found = examples.find((example) => isObject(example["token"]) && scope in example["token"]) ?? examples[0] ?? { token: {} };
  const document = structuredClone(found) as { token: JsonObject };
  document.token["issued_at"] = keystoneTime(now);
  document.token["expires_at"] = keystoneTime(now + TOKEN_TTL_SECONDS * 1000);
  const catalog = document.token["catalog"];
  if (Array.isArray(catalog)) {
    for (const service of catalog.filter(isObject)) {
      if (service["type"] !== "identity" || !Array.isArray(service["endpoints"])) continue;
      for (const endpoint of service["endpoints"].filter(isObject)) endpoint["url"] = `${publicUrl}/v3`;
    }
  }
  return document;
}

export function createPlatform(context: Omit<SandboxContext, "state">): Platform {
  const { model } = context;
  const login = model.operations.find((operation) => operation.info.method === "post" && operation.info.path === "/v3/auth/tokens");
  const identityUrl = () => `${context.publicUrl()}/v3`;

  const createToken: OperationHandler = (input: HandlerInput) => {
    const outcome = checkLogin(input.valid.body, input.context);
    if ("status" in outcome) return keystoneError(outcome.status, outcome.message, identityUrl());
    const now = input.context.state.now();
    const document = tokenDocument(input.operation, outcome.scope, now, input.context.publicUrl());
    if (input.valid.query["nocatalog"] !== undefined) delete document.token["catalog"];
    const token = secret("MII", 180);
    input.context.state.issue(token, { subject: String(outcome.account.user["id"]), expiresAt: now + TOKEN_TTL_SECONDS * 1000, data: { document } });
    return { status: input.operation.successStatus, headers: { "X-Subject-Token": token }, body: document };
  };

  return {
    error(problem: PlatformError) {
      return keystoneError(problem.status, problem.kind === "unauthorized" ? REQUIRES_AUTH : problem.message, identityUrl());
    },
    authenticate(credential, _operation, running) {
      if (credential.type !== "apiKey") return { refused: keystoneError(401, REQUIRES_AUTH, identityUrl()) };
      const session = running.state.session(credential.value);
      if (!session) {
        const message = running.state.expired(credential.value) ? "The token has expired." : REQUIRES_AUTH;
        return { refused: keystoneError(401, message, identityUrl()) };
      }
      return { principal: { subject: session.subject, credential, session } };
    },
    handlers: login ? { [login.operationId]: createToken } : {},
    seed(data) {
      const document = login?.successExample;
      const token = isObject(document) && isObject(document["token"]) ? document["token"] : {};
      const user = structuredClone(token["user"]) as Account["user"];
      const project = structuredClone(token["project"]) as JsonObject;
      data.platform["account"] = { user: { id: user["id"], name: user["name"], domain: user.domain }, password: loginPassword(model), project } satisfies Account;
      const example = login?.successHeaders["X-Subject-Token"];
      if (example) data.sessions[example] = { subject: String(user["id"]), expiresAt: Date.now() + TOKEN_TTL_SECONDS * 1000, data: {} };
    },
    schemeHeaders(): Record<string, Record<string, string>> {
      const example = login?.successHeaders["X-Subject-Token"];
      return example ? { authToken: { "X-Auth-Token": example } } : {};
    },
    credentials(running): PrintedCredential[] {
      const known = account(running);
      const example = login?.successHeaders["X-Subject-Token"];
      return [
        {
          label: `password login: user ${String(known.user["name"])}, domain ${String(known.user.domain["name"])}, project ${String(known.project["name"])}`,
          env: { HUAWEI_IAM_PASSWORD: known.password },
        },
        ...(example ? [{ label: "token (the spec's example X-Subject-Token, valid for 24 hours from start)", env: { HUAWEI_IAM_AUTH_TOKEN: example } }] : []),
      ];
    },
  };
}

/** The password of the spec's login example. */
function loginPassword(model: SandboxContext["model"]): string {
  const text = JSON.stringify(model.spec.components?.["examples"] ?? {});
  const examples = JSON.parse(text) as Record<string, { value?: unknown }>;
  for (const example of Object.values(examples)) {
    const value = example.value;
    const user = isObject(value) && isObject(value["auth"]) && isObject(value["auth"]["identity"]) && isObject(value["auth"]["identity"]["password"])
      ? value["auth"]["identity"]["password"]["user"]
      : undefined;
    if (isObject(user) && typeof user["password"] === "string") return user["password"];
  }
  throw new Error("huawei-iam sandbox: the spec has no password login example to take the seeded password from");
}
