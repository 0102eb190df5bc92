/**
 * Scalingo's three ways to authenticate, routed per request:
 *
 * - `POST /v1/tokens/exchange`: the API token in HTTP Basic with an empty user.
 * - every other call: `Authorization: Bearer <JWT>`, from a {@link TokenCache}
 *   fed by the exchange (refreshed `refreshMarginMs` before `exp`, single-flight, one
 *   re-exchange + replay on 401) or a fixed bearer given by the caller.
 * - a request that already carries an `Authorization` header (e.g. login and
 *   password for `POST /v1/tokens`, or a Basic API token for the exchange) is
 *   sent as is and never re-authenticated; nor is an "OTP Required" challenge.
 */
import {
  basicAuth,
  bearerAuth,
  jwtExpiresAt,
  decodeJwtPayload,
  tokenAuth,
  type AuthStrategy,
  type TokenCache,
  type Token,
} from "../runtime/index.js";
import { OtpRequiredError } from "./errors.js";

/** A Scalingo bearer lives one hour; used when a bearer carries no readable `exp`. */
export const SCALINGO_BEARER_LIFETIME_MS = 60 * 60_000;

export interface ScalingoAuthInput {
  /** Recognises the exchange request. */
  isExchange: (request: Request) => boolean;
  /** API token, for the exchange. */
  apiToken?: string | undefined;
  /** Bearer source when an API token is known (exchange + refresh). */
  cache?: TokenCache | undefined;
  /** A fixed bearer, when no API token is known. */
  bearer?: string | undefined;
}

/** The per-request strategy; undefined when there are no credentials (anonymous calls). */
export function scalingoAuth(input: ScalingoAuthInput): AuthStrategy | undefined {
  const { isExchange } = input;
  const basic = input.apiToken === undefined ? undefined : basicAuth("", input.apiToken);
  const bearer = input.cache ? tokenAuth({ cache: input.cache }) : input.bearer !== undefined ? bearerAuth(input.bearer) : undefined;
  if (!basic && !bearer) return undefined;
  return {
    authorize(request) {
      if (request.headers.has("authorization")) return undefined; // the caller's own credentials
      if (isExchange(request)) return basic?.authorize(request);
      return bearer?.authorize(request);
    },
    onUnauthorized(request, error) {
      if (isExchange(request) || !bearer?.onUnauthorized || error instanceof OtpRequiredError) return false;
      // Only a bearer can be refreshed: a rejected login/password is final.
      if (!/^Bearer\s/i.test(request.headers.get("authorization") ?? "")) return false;
      return bearer.onUnauthorized(request, error);
    },
    useSecrets(registry) {
      basic?.useSecrets?.(registry);
      bearer?.useSecrets?.(registry);
    },
  };
}

/**
 * The bearer's expiry: its `exp`. If `exp` is already past by the local
 * clock while `iat` says the token is fresh (the local clock runs ahead of
 * the server's), the token's own lifetime (`exp - iat`) is counted from
 * `sentAt` instead, so a skewed clock does not cause an exchange per call.
 * Without `exp`: one hour from `sentAt`.
 */
export function bearerExpiry(jwt: string, sentAt: number): number {
  const exp = jwtExpiresAt(jwt);
  if (exp === undefined) return sentAt + SCALINGO_BEARER_LIFETIME_MS;
  if (exp > sentAt) return exp;
  const iat = decodeJwtPayload(jwt)?.iat;
  if (typeof iat === "number" && Number.isFinite(iat) && exp > iat * 1000) return sentAt + (exp - iat * 1000);
  return exp;
}

/** A Token for a bearer obtained at `sentAt`. */
export function bearerToken(jwt: string, sentAt: number): Token {
  return { value: jwt, expiresAt: bearerExpiry(jwt, sentAt) };
}
