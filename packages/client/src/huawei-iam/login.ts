/**
 * Password login for Huawei Cloud Stack IAM (Keystone v3): the request body,
 * the token expiry, and an auth strategy that leaves the public endpoints
 * (`GET /v3`, `POST /v3/auth/tokens`) alone.
 */
import { HttpError, type ApiErrorFields, type AuthStrategy, type Clock } from "../runtime/index.js";
import type { components } from "../generated/huawei-iam.js";

export type HuaweiIamTokenRequest = components["schemas"]["TokenRequest"];
export type HuaweiIamTokenDocument = components["schemas"]["TokenDocument"];

/** Scope of the token: a project by name, a project by id, or (neither) the whole account (domain). */
export type HuaweiIamScope =
  | { project: string; projectId?: undefined }
  | { projectId: string; project?: undefined }
  | { project?: undefined; projectId?: undefined };

/** An IAM user's password credentials. */
export type HuaweiIamPasswordCredentials = {
  /** IAM user name. */
  username: string;
  /** The user's password. Registered as a secret; never appears in errors or log lines. */
  password: string;
  /** Name of the account (Keystone domain) the user belongs to. */
  domain: string;
} & HuaweiIamScope;

/** How long a refused login is remembered by default: one try per IAM lockout window at most. */
export const DEFAULT_REFUSED_LOGIN_COOLDOWN_MS = 15 * 60_000;

/** Documented validity of an IAM token, used when the answer gives no usable `expires_at`. */
export const HUAWEI_IAM_TOKEN_LIFETIME_MS = 24 * 60 * 60_000;

const nonEmpty = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

/** Checks the credentials up front (never echoing the password). */
export function checkCredentials(credentials: HuaweiIamPasswordCredentials): void {
  if (typeof credentials !== "object" || credentials === null) throw new TypeError("createHuaweiIamClient: credentials must be an object");
  for (const field of ["username", "password", "domain"] as const) {
    if (!nonEmpty(credentials[field])) throw new TypeError(`createHuaweiIamClient: credentials.${field} is required`);
  }
  const { project, projectId } = credentials;
  if (project !== undefined && projectId !== undefined) {
    throw new TypeError("createHuaweiIamClient: give credentials.project (a name) or credentials.projectId, not both");
  }
  if (project !== undefined && !nonEmpty(project)) throw new TypeError("createHuaweiIamClient: credentials.project must be a non-empty name");
  if (projectId !== undefined && !nonEmpty(projectId)) throw new TypeError("createHuaweiIamClient: credentials.projectId must be a non-empty id");
}

/**
 * The `POST /v3/auth/tokens` body: password method, user by name in its
 * domain, scoped to the project (by name or id) or, without one, the domain.
 */
export function loginBody(credentials: HuaweiIamPasswordCredentials): HuaweiIamTokenRequest {
  const scope: HuaweiIamTokenRequest["auth"]["scope"] =
    credentials.projectId !== undefined
      ? { project: { id: credentials.projectId } }
      : credentials.project !== undefined
        ? { project: { name: credentials.project } }
        : { domain: { name: credentials.domain } };
  return {
    auth: {
      identity: {
        methods: ["password"],
        password: { user: { name: credentials.username, password: credentials.password, domain: { name: credentials.domain } } },
      },
      scope,
    },
  };
}

/**
 * Parses a Keystone timestamp (`2022-08-17T02:31:05.451000Z`). A time without
 * a zone is UTC (Keystone's convention); `+0000` is accepted as `+00:00`.
 */
export function parseKeystoneTime(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  let text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return undefined;
  text = text.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  if (!/(Z|[+-]\d{2}:\d{2})$/i.test(text)) text += "Z";
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * When the token expires, in local epoch ms. The server's lifetime
 * (`expires_at − issued_at`, both on the server's clock) is counted from
 * `sentAt`, the local time the login was sent: a lower bound of the true
 * expiry that no clock skew between client and server can push later.
 * Without `issued_at`, `expires_at` is taken as is; without a usable
 * `expires_at`, {@link HUAWEI_IAM_TOKEN_LIFETIME_MS}.
 */
export function tokenExpiry(body: unknown, sentAt: number): number {
  const token = typeof body === "object" && body !== null ? (body as { token?: unknown }).token : undefined;
  const fields = typeof token === "object" && token !== null ? (token as { expires_at?: unknown; issued_at?: unknown }) : {};
  const expires = parseKeystoneTime(fields.expires_at);
  if (expires === undefined) return sentAt + HUAWEI_IAM_TOKEN_LIFETIME_MS;
  const issued = parseKeystoneTime(fields.issued_at);
  if (issued !== undefined && expires > issued) return sentAt + (expires - issued);
  return expires;
}

/** Path (below the base path) of a request, or undefined if it is not under `basePath`. */
function relativePath(request: Request, basePath: string): string | undefined {
  let path: string;
  try {
    path = new URL(request.url).pathname;
  } catch {
    return undefined;
  }
  if (basePath !== "" && !path.startsWith(basePath)) return undefined;
  return path.slice(basePath.length).replace(/\/+$/, "");
}

/** True for the two endpoints that take no token: `GET /v3` and `POST /v3/auth/tokens`. */
export function isPublicRequest(request: Request, basePath: string): boolean {
  const path = relativePath(request, basePath);
  const method = request.method.toUpperCase();
  return (method === "GET" && path === "/v3") || (method === "POST" && path === "/v3/auth/tokens");
}

/**
 * Wraps a strategy so that the public endpoints get no token (so they never
 * trigger a login) and a 401 on them never triggers a re-login and replay
 * (a wrong password is not sent twice).
 */
export function skipPublicEndpoints(inner: AuthStrategy, basePath: string): AuthStrategy {
  const onUnauthorized = inner.onUnauthorized?.bind(inner);
  return {
    authorize: (request) => (isPublicRequest(request, basePath) ? undefined : inner.authorize(request)),
    ...(onUnauthorized
      ? { onUnauthorized: (request: Request, error: HttpError) => (isPublicRequest(request, basePath) ? false : onUnauthorized(request, error)) }
      : {}),
    ...(inner.useSecrets ? { useSecrets: inner.useSecrets.bind(inner) } : {}),
  };
}

/** A 4xx that the same login would get again (not 408 or 429, which are about timing). */
function isRefusal(err: unknown): err is HttpError {
  return err instanceof HttpError && err.status >= 400 && err.status < 500 && err.status !== 408 && err.status !== 429;
}

/** The refusal again, same class and fields, saying that IAM was not asked this time. */
function rememberedRefusal(err: HttpError, remainingMs: number): HttpError {
  const Refusal = err.constructor as new (message: string, fields: ApiErrorFields) => HttpError;
  const minutes = Math.max(1, Math.ceil(remainingMs / 60_000));
  return new Refusal(`${err.message} (login refused earlier: not sent again for ${minutes} min, so that repeated failures do not lock the account)`, {
    method: err.method,
    path: err.path,
    status: err.status,
    body: err.body,
    requestId: err.requestId,
    code: err.code,
  });
}

/**
 * Wraps the login so that a refusal (wrong password, locked or unknown user,
 * unknown project: any 4xx but 408/429) is remembered for `cooldownMs`. In
 * that window every login fails at once with the same typed error, without
 * sending the password: IAM locks an account after a few failures in a row,
 * and a client that retried on every call would trip it. `cooldownMs` 0
 * tries on every call.
 */
export function rememberRefusedLogin<T>(login: () => Promise<T>, options: { clock: Pick<Clock, "now">; cooldownMs: number }): () => Promise<T> {
  let refused: { error: HttpError; until: number } | undefined;
  return async () => {
    const now = options.clock.now();
    if (refused && now < refused.until) throw rememberedRefusal(refused.error, refused.until - now);
    refused = undefined;
    try {
      return await login();
    } catch (err) {
      if (isRefusal(err) && options.cooldownMs > 0) refused = { error: err, until: options.clock.now() + options.cooldownMs };
      throw err;
    }
  };
}
