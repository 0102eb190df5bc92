/**
 * Creating an API token (`POST /v1/tokens`): with the account's login and password (HTTP Basic,
 * `X-Authorization-OTP` when the account has two-factor authentication), or with the client's
 * bearer. Never retried once it may have reached the server.
 */
import { base64Encode, bodyPart, isObject, type ApiClient, type JsonObject } from "../runtime/index.js";
import type { components, paths } from "../generated/scalingo.js";

/** An API token with its secret value (`token`), as returned by create and renew. */
export type ScalingoTokenWithSecret = components["schemas"]["TokenWithSecret"];

/** Per-call options of the helpers. */
export interface ScalingoCallOptions {
  /** Aborts the call (or only this caller's wait, for a shared request). */
  signal?: AbortSignal;
}

/** What `client.createApiToken()` needs. Without `login`/`password`, the client's bearer authenticates. */
export interface ScalingoCreateTokenInput extends ScalingoCallOptions {
  /** Name of the new token. */
  name: string;
  /** Account login (user name or email), with `password`. */
  login?: string;
  /** Account password, with `login`. Registered as a secret before anything is sent. */
  password?: string;
  /** Current two-factor code (`X-Authorization-OTP`), when the account has 2FA. */
  otp?: string;
}

const nonEmpty = (value: unknown): value is string => typeof value === "string" && value !== "";
const LOGIN_REQUIRED = "createApiToken: login and password must both be non-empty strings";

/** Throws the `TypeError` of a login without a password (or the reverse). */
export function checkLogin(login: unknown, password: unknown): void {
  if (!nonEmpty(login) || !nonEmpty(password)) throw new TypeError(LOGIN_REQUIRED);
}

/** `POST /v1/tokens` on `client`; the new token's secret is registered for redaction (by the client's `registerIssuedSecrets`). */
export async function createToken(client: ApiClient<paths>, baseUrl: string, input: ScalingoCreateTokenInput): Promise<ScalingoTokenWithSecret> {
  if (!isObject(input) || typeof input.name !== "string" || input.name.trim() === "") throw new TypeError("createApiToken: a non-empty name is required");
  const { name, login, password, otp, signal } = input;
  const withLogin = login !== undefined || password !== undefined;
  const headers: Record<string, string> = {};
  if (withLogin) {
    checkLogin(login, password);
    const blob = base64Encode(`${login}:${password}`);
    client.fetch.secrets.add(password, `${login}:${password}`, blob);
    headers.Authorization = `Basic ${blob}`;
  }
  const code = typeof otp === "string" ? otp.trim() : "";
  const result = await client.POST("/v1/tokens", {
    body: { token: { name } },
    headers,
    ...(code ? { params: { header: { "X-Authorization-OTP": code } } } : {}),
    ...(withLogin ? { fetch: client.fetch.with({ auth: false }) } : {}),
    signal,
  });
  const isToken = (value: unknown): value is JsonObject => isObject(value) && typeof value.token === "string";
  return bodyPart(result, { method: "POST", url: `${baseUrl}/v1/tokens` }, "token", isToken, 'expected {"token": {"token": "tk-…", …}}') as ScalingoTokenWithSecret;
}
