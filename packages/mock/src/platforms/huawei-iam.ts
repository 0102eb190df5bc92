/**
 * Huawei Cloud Stack IAM (Keystone v3) in the sandbox: the password login checks user,
 * password and domain and issues a 24-hour token in `X-Subject-Token`, with a catalogue whose
 * identity endpoint is the sandbox itself; `X-Auth-Token` is checked on every call; Keystone's
 * error body (and `WWW-Authenticate` on 401). Regions are the generic collection.
 */
import { secret } from "../sandbox/generate.js";
import { isObject, type JsonObject, type SandboxResponse } from "../sandbox/http-types.js";
import type { HandlerInput, OperationHandler, Platform, PlatformError, PrintedCredential, SandboxContext } from "../sandbox/platform.js";
import { mediaExamples, type SandboxOperation } from "../sandbox/spec-model.js";
import { deref } from "@openregions/apis/portable";

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
  /** One-time codes accepted with the password: the ones the spec's login examples show. */
  passcodes: string[];
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
  if (methods.includes("totp")) {
    const totp = isObject(identity["totp"]) && isObject(identity["totp"]["user"]) ? identity["totp"]["user"] : {};
    if (!known.passcodes.includes(String(totp["passcode"] ?? ""))) return { status: 401, message: REQUIRES_AUTH };
  }
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

  const tokenAt = (method: string) => model.operations.find((operation) => operation.info.method === method && operation.info.path === "/v3/auth/tokens");
  const subjectOf = (input: HandlerInput) => input.request.headers["x-subject-token"] ?? "";
  const notFoundToken = () => keystoneError(404, "Could not find token.", identityUrl());

  /** `GET /v3/auth/tokens`: the subject token's document, as issued, while it is valid. */
  const validateToken: OperationHandler = (input) => {
    const subject = subjectOf(input);
    const session = input.context.state.session(subject);
    const document = session?.data["document"] as { token: JsonObject } | undefined;
    if (!session || !document) return notFoundToken();
    const body = structuredClone(document);
    if (input.valid.query["nocatalog"] !== undefined) delete body.token["catalog"];
    return { status: input.operation.successStatus, headers: { "X-Subject-Token": subject }, body };
  };
  /** `HEAD /v3/auth/tokens`: whether the subject token is valid, no body. */
  const checkToken: OperationHandler = (input) =>
    input.context.state.session(subjectOf(input)) ? { status: input.operation.successStatus, headers: { "X-Subject-Token": subjectOf(input) } } : notFoundToken();
  /** `DELETE /v3/auth/tokens`: revokes the subject token; validating it then answers 404. */
  const revokeToken: OperationHandler = (input) => {
    const subject = subjectOf(input);
    if (!input.context.state.session(subject)) return notFoundToken();
    input.context.state.revoke((_session, token) => token === subject);
    return { status: input.operation.successStatus };
  };
  const tokenHandlers: Record<string, OperationHandler> = {};
  for (const [method, handler] of [["get", validateToken], ["head", checkToken], ["delete", revokeToken]] as const) {
    const operation = tokenAt(method);
    if (operation) tokenHandlers[operation.operationId] = handler;
  }

  return {
    /** Keystone refuses a region whose parent does not exist. */
    beforeCreate(collection, item, input) {
      const parent = item["parent_region_id"];
      if (parent === undefined || parent === null) return undefined;
      const known = input.context.state.items(collection.path).some((region) => region[collection.idField] === parent);
      return known ? undefined : keystoneError(404, `Could not find region: ${String(parent)}.`, identityUrl());
    },
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
    handlers: { ...(login ? { [login.operationId]: createToken } : {}), ...tokenHandlers },
    seed(data) {
      const document = login?.successExample;
      const token = isObject(document) && isObject(document["token"]) ? document["token"] : {};
      const user = structuredClone(token["user"]) as Account["user"];
      const project = structuredClone(token["project"]) as JsonObject;
      data.platform["account"] = { user: { id: user["id"], name: user["name"], domain: user.domain }, password: loginPassword(model), project, passcodes: examplePasscodes(model) } satisfies Account;
      // The spec's example tokens (the login's X-Subject-Token, the validation's subject) are valid
      // for 24 hours from the start, so that the examples and docs samples work as printed.
      const subjects = model.operations.flatMap((operation) => operation.parameters).filter((parameter) => parameter.name === "X-Subject-Token" && parameter.in === "header");
      const examples = [login?.successHeaders["X-Subject-Token"], ...subjects.map((parameter) => parameter.schema?.["example"])].filter((value): value is string => typeof value === "string");
      for (const example of new Set(examples)) data.sessions[example] = { subject: String(user["id"]), expiresAt: Date.now() + TOKEN_TTL_SECONDS * 1000, data: { document: structuredClone(document) } };
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

/** The request examples of the password login. */
function loginExamples(model: SandboxContext["model"]): unknown[] {
  const login = model.operations.find((operation) => operation.info.method === "post" && operation.info.path === "/v3/auth/tokens");
  const body = deref<JsonObject | undefined>(model.spec, login?.info.operation["requestBody"]);
  const content = deref<JsonObject | undefined>(model.spec, body?.["content"]);
  return Object.values(content ?? {}).flatMap((media) => mediaExamples(model.spec, deref<JsonObject>(model.spec, media)));
}

function identityOf(example: unknown): JsonObject {
  return isObject(example) && isObject(example["auth"]) && isObject(example["auth"]["identity"]) ? example["auth"]["identity"] : {};
}

/** The one-time codes of the spec's login examples (`auth.identity.totp.user.passcode`). */
function examplePasscodes(model: SandboxContext["model"]): string[] {
  return loginExamples(model).flatMap((example) => {
    const totp = identityOf(example)["totp"];
    const passcode = isObject(totp) && isObject(totp["user"]) ? totp["user"]["passcode"] : undefined;
    return passcode === undefined ? [] : [String(passcode)];
  });
}

/** The password of the spec's login example. */
function loginPassword(model: SandboxContext["model"]): string {
  for (const example of loginExamples(model)) {
    const password = identityOf(example)["password"];
    const user = isObject(password) ? password["user"] : undefined;
    if (isObject(user) && typeof user["password"] === "string") return user["password"];
  }
  throw new Error("huawei-iam sandbox: the spec has no password login example to take the seeded password from");
}
