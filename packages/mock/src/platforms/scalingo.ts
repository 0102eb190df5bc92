/**
 * Scalingo's auth host in the sandbox: API tokens exchanged for one-hour JWT bearers, the
 * login with two-factor authentication, renewal that replaces a token's secret, SSH keys with
 * their fingerprint and owner, and Scalingo's error bodies. Everything else is the generic
 * collection behaviour of the engine.
 */
import { createHash, randomUUID } from "node:crypto";
import { isoAt, secret } from "../sandbox/generate.js";
import { isObject, type JsonObject, type SandboxResponse } from "../sandbox/http-types.js";
import type { HandlerInput, Platform, PlatformError, Principal, PrintedCredential, SandboxContext } from "../sandbox/platform.js";
import type { Credential } from "../sandbox/security.js";
import type { SpecModel } from "../sandbox/spec-model.js";
import type { StateData } from "../sandbox/state.js";
import { exampleCodes, twoFactorHandlers, type TwoFactorState } from "./scalingo/two-factor.js";

/**
 * The seeded account's password. The spec shows no password (the login is Basic
 * `login:password`), so the sandbox states one; `npm start` prints it.
 */
export const SANDBOX_PASSWORD = "sandbox-password";

const TOKENS = "/v1/tokens";
const KEYS = "/v1/keys";
const REFUSED = "You are not authorized to do this operation";

interface Account {
  user: JsonObject;
  password: string;
  tfa: TwoFactorState;
  /** The one-time codes the sandbox accepts (see two-factor.ts). */
  codes: string[];
}

const account = (context: SandboxContext): Account => context.state.data.platform["account"] as unknown as Account;

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** An unsigned JWT (`alg: none`), as the spec's example bearer and vendor fixtures are. */
function issueJwt(claims: JsonObject): string {
  return `${base64url({ alg: "none", typ: "JWT" })}.${base64url(claims)}.`;
}

function expOf(jwt: string): number | undefined {
  try {
    const claims = JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as { exp?: unknown };
    return typeof claims.exp === "number" ? claims.exp : undefined;
  } catch {
    return undefined;
  }
}

/** MD5 of the key's base64 blob, in colon-separated hex (`ssh-keygen -E md5 -l`). */
export function md5Fingerprint(content: string): string | undefined {
  const blob = content.trim().split(/\s+/)[1];
  if (!blob || !/^[A-Za-z0-9+/]+=*$/.test(blob)) return undefined;
  const bytes = Buffer.from(blob, "base64");
  if (bytes.length < 16) return undefined;
  return createHash("md5").update(bytes).digest("hex").match(/../g)!.join(":");
}

function error(problem: PlatformError): SandboxResponse {
  if (problem.kind === "not-found" && problem.resource) return { status: 404, body: { resource: problem.resource, error: "not found" } };
  if (problem.kind === "invalid" && problem.status === 422) {
    const errors: Record<string, string[]> = {};
    for (const entry of problem.problems ?? []) {
      const field = entry.field ?? "base";
      errors[field] = [...(errors[field] ?? []), entry.message];
    }
    return { status: 422, body: { errors: Object.keys(errors).length > 0 ? errors : { base: [problem.message] } } };
  }
  if (problem.kind === "invalid" && problem.problems?.some((entry) => entry.kind === "malformed")) {
    return { status: problem.status, body: { error: `There was a problem in the JSON you submitted: ${problem.message}` } };
  }
  if (problem.kind === "unauthorized") return { status: problem.status, body: { error: problem.message === "OTP Required" ? "OTP Required" : REFUSED } };
  return { status: problem.status, body: { error: problem.message } };
}

const refused = (message = REFUSED): { refused: SandboxResponse } => ({ refused: error({ kind: "unauthorized", status: 401, message }) });

function authenticate(credential: Credential, _operation: unknown, context: SandboxContext, request: { headers: Readonly<Record<string, string>> }) {
  const { state } = context;
  if (credential.type === "basic" && credential.scheme === "apiToken") {
    const token = state.items(TOKENS).find((item) => item["token"] === credential.password && credential.password !== "");
    if (!token || credential.user !== "") return refused();
    return { principal: { subject: String(account(context).user["id"]), credential, apiToken: token } satisfies Principal };
  }
  if (credential.type === "basic") {
    const { user, password, tfa, codes } = account(context);
    if (![user["username"], user["email"]].includes(credential.user) || credential.password !== password) return refused();
    if (tfa.enabled && !codes.includes(request.headers["x-authorization-otp"] ?? "")) return refused("OTP Required");
    return { principal: { subject: String(user["id"]), credential } };
  }
  if (credential.type === "bearer") {
    const session = state.session(credential.token);
    return session ? { principal: { subject: session.subject, credential, session } } : refused();
  }
  return refused();
}

function exchangeToken(input: HandlerInput): SandboxResponse {
  const { state, settings } = input.context;
  const apiToken = input.principal?.["apiToken"] as JsonObject;
  const now = state.now();
  const iat = Math.floor(now / 1000);
  const exp = iat + settings.bearerTtlSeconds;
  const jwt = issueJwt({ iss: "Scalingo", uid: input.principal?.subject, iat, exp, jti: randomUUID() });
  state.issue(jwt, { subject: input.principal!.subject, expiresAt: exp * 1000, data: { apiTokenId: apiToken["id"] as string } });
  apiToken["last_used_at"] = isoAt(now);
  return { status: input.operation.successStatus, body: { token: jwt } };
}

function renewToken(input: HandlerInput): SandboxResponse | undefined {
  const collection = input.operation.collection ?? input.context.model.operations.find((operation) => operation.collection?.path === TOKENS)?.collection;
  const token = input.context.state.items(TOKENS).find((item) => item["id"] === input.valid.params["id"]);
  if (!token) return error({ kind: "not-found", status: 404, message: "not found", resource: collection?.itemKey ?? "token" });
  token["token"] = secret("tk-us-", 48);
  return { status: input.operation.successStatus, body: { token: { ...token } } };
}

/** `PUT /v1/tokens/{id}/renew` (the Ruby client) renews like the documented PATCH. */
function renewWithAnyMethod(model: SpecModel): Record<string, typeof renewToken> {
  const renewals = model.operations.filter((operation) => operation.info.path === "/v1/tokens/{id}/renew");
  return Object.fromEntries(renewals.map((operation) => [operation.operationId, renewToken]));
}

function getCurrentUser(input: HandlerInput): SandboxResponse {
  return { status: input.operation.successStatus, body: { user: account(input.context).user } };
}

function beforeCreate(collection: { path: string }, item: JsonObject, input: HandlerInput): SandboxResponse | undefined {
  if (collection.path === TOKENS) {
    item["token"] = secret("tk-us-", 48);
    item["last_used_at"] = null;
    return undefined;
  }
  if (collection.path === KEYS) {
    const content = String(item["content"] ?? "");
    const fingerprint = md5Fingerprint(content);
    if (!fingerprint) return error({ kind: "invalid", status: 422, message: "is invalid", problems: [{ kind: "body", field: "content", message: "is not a valid public key" }] });
    const { user } = account(input.context);
    item["fingerprint"] = fingerprint;
    item["owner"] = { id: user["id"], email: user["email"], username: user["username"] };
  }
  return undefined;
}

export function createPlatform(context: Omit<SandboxContext, "state">): Platform {
  const { model } = context;
  const example = (operationId: string): unknown => model.operations.find((operation) => operation.operationId === operationId)?.successExample;
  const codes = exampleCodes(model);
  const twoFactor = twoFactorHandlers(model, {
    state: (input) => account(input.context).tfa,
    codes: (input) => account(input.context).codes,
    setEnabled(input, enabled) {
      const { user } = account(input.context);
      user["flags"] = { ...(isObject(user["flags"]) ? user["flags"] : {}), tfa_enabled: enabled };
    },
    error: (status, message) => ({ status, body: { error: message } }),
  });
  return {
    error,
    authenticate,
    beforeCreate,
    handlers: { exchangeToken, renewToken, getCurrentUser, ...twoFactor, ...renewWithAnyMethod(model) },
    seed(data) {
      const user = structuredClone((example("getCurrentUser") as { user: JsonObject }).user);
      const enabled = isObject(user["flags"]) && user["flags"]["tfa_enabled"] === true;
      data.platform["account"] = { user, password: SANDBOX_PASSWORD, tfa: { enabled, pending: false }, codes } satisfies Account;
      seedExampleCredentials(data, example("createToken"), example("exchangeToken"), String(user["id"]));
    },
    schemeHeaders(running): Record<string, Record<string, string>> {
      const created = (example("createToken") as { token?: JsonObject } | undefined)?.token;
      const { user, password, codes: accepted } = account(running);
      const bearer = Object.keys(running.state.data.sessions)[0] ?? "";
      return {
        apiToken: { Authorization: `Basic ${Buffer.from(`:${String(created?.["token"] ?? "")}`).toString("base64")}` },
        login: { Authorization: `Basic ${Buffer.from(`${String(user["username"])}:${password}`).toString("base64")}`, "X-Authorization-OTP": accepted[0] ?? "" },
        bearer: { Authorization: `Bearer ${bearer}` },
      };
    },
    credentials(running): PrintedCredential[] {
      const created = (example("createToken") as { token?: JsonObject } | undefined)?.token;
      const { user, tfa, codes: accepted } = account(running);
      const bearer = Object.keys(running.state.data.sessions)[0];
      return [
        { label: "API token (exchange it for a bearer)", env: { SCALINGO_API_TOKEN: String(created?.["token"] ?? "") } },
        ...(bearer ? [{ label: `bearer (the spec's example JWT, valid until ${isoAt((expOf(bearer) ?? 0) * 1000)})`, env: { SCALINGO_BEARER: bearer } }] : []),
        {
          label: `login (two-factor ${tfa.enabled ? "on" : "off until enrolled"}; one-time codes accepted: ${accepted.join(", ")})`,
          env: { SCALINGO_LOGIN: String(user["username"]), SCALINGO_PASSWORD: SANDBOX_PASSWORD },
        },
      ];
    },
  };
}

/**
 * The spec's example API token and bearer are seeded as valid, so that every example request,
 * curl line and sample of the docs works against the sandbox as printed.
 */
function seedExampleCredentials(data: StateData, createdExample: unknown, exchangedExample: unknown, subject: string): void {
  const created = isObject(createdExample) && isObject(createdExample["token"]) ? createdExample["token"] : undefined;
  data.collections[TOKENS] ??= [];
  const tokens = data.collections[TOKENS];
  if (created && typeof created["token"] === "string") {
    const existing = tokens.find((item) => item["id"] === created["id"]);
    if (existing) existing["token"] = created["token"];
    else tokens.push(structuredClone(created));
  }
  const bearer = isObject(exchangedExample) ? exchangedExample["token"] : undefined;
  const exp = typeof bearer === "string" ? expOf(bearer) : undefined;
  if (typeof bearer === "string" && exp) data.sessions[bearer] = { subject, expiresAt: exp * 1000, data: { apiTokenId: String(created?.["id"] ?? "") } };
}
