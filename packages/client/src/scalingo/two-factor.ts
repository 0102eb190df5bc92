/**
 * Two-factor authentication of the account behind the bearer (`/v1/client/tfa`): its status,
 * enrolment (an `otpauth://` URI holding the shared secret), validation with a first code
 * (which turns it on and hands out recovery codes) and disabling. The secrets these answers
 * carry are registered for redaction by `registerIssuedSecrets` (response.ts), whichever way the
 * call is made.
 */
import { bodyPart, isObject, type ApiClient } from "../runtime/index.js";
import type { components, paths } from "../generated/scalingo.js";
import type { ScalingoCallOptions } from "./api-token.js";

/** The account's two-factor status (`GET /v1/client/tfa`). */
export type ScalingoTwoFactor = components["schemas"]["TwoFactorAuth"];
/** A started enrolment: the status and the `otpauth://` URI whose `secret` parameter is the shared key. */
export type ScalingoTwoFactorEnrolment = components["schemas"]["TwoFactorAuthEnrolment"];
/** A completed enrolment: the single-use recovery codes (shown this once) and the new status. */
export type ScalingoTwoFactorValidation = components["schemas"]["TwoFactorAuthValidation"];

/** `client.twoFactor`: the operations of `/v1/client/tfa`, returning what the `tfa` envelope holds. */
export interface ScalingoTwoFactorHelpers {
  /** `GET /v1/client/tfa` (`getTwoFactorAuth`): whether a one-time code is needed to log in. */
  status(options?: ScalingoCallOptions): Promise<ScalingoTwoFactor>;
  /**
   * `POST /v1/client/tfa` (`createTwoFactorAuth`, provider `totp`): starts enrolment. The
   * answer's `uri` (and the `secret` in it) is registered for redaction. Never retried once it may
   * have reached the server (each call makes a new secret).
   */
  enrol(options?: ScalingoCallOptions): Promise<ScalingoTwoFactorEnrolment>;
  /**
   * `POST /v1/client/tfa/validate` (`createTwoFactorAuthValidation`) with the code the
   * authenticator shows: turns two-factor authentication on. The recovery `codes` returned are
   * registered for redaction. A wrong code, or no enrolment started, is a `BadRequestError`.
   */
  validate(code: string | number, options?: ScalingoCallOptions): Promise<ScalingoTwoFactorValidation>;
  /**
   * `DELETE /v1/client/tfa` (`deleteTwoFactorAuth`): turns it off and returns the new status.
   * `code`, a current one-time code, is sent only when given (the API accepts both).
   */
  disable(options?: ScalingoCallOptions & { code?: string | number }): Promise<ScalingoTwoFactor>;
}

const TFA = "/v1/client/tfa";

/** The `{"tfa": {"attempt": code}}` body of a one-time code, checked first. */
function attempt(code: unknown): { tfa: { attempt: string | number } } {
  const ok = typeof code === "string" ? code.trim() !== "" : typeof code === "number" && Number.isInteger(code) && code >= 0;
  if (!ok) throw new TypeError("twoFactor: the one-time code must be a non-empty string or a number");
  return { tfa: { attempt: typeof code === "string" ? code.trim() : (code as number) } };
}

/** The two-factor helpers of `client`. */
export function twoFactorHelpers(client: ApiClient<paths>, baseUrl: string): ScalingoTwoFactorHelpers {
  /** The `tfa` object of a 2xx body. */
  const tfa = async <T>(pending: Promise<{ data?: unknown; response: Response }>, method: string, path = TFA): Promise<T> =>
    bodyPart(await pending, { method, url: `${baseUrl}${path}` }, "tfa", isObject, 'expected {"tfa": {...}}') as T;
  return {
    status: (options) => tfa(client.GET(TFA, { signal: options?.signal }), "GET"),
    enrol: (options) => tfa(client.POST(TFA, { body: { tfa: { provider: "totp" } }, signal: options?.signal }), "POST"),
    async validate(code, options) {
      const path = "/v1/client/tfa/validate";
      return tfa(client.POST(path, { body: attempt(code), signal: options?.signal }), "POST", path);
    },
    async disable(options) {
      const code = options?.code;
      return tfa(client.DELETE(TFA, { body: code === undefined ? undefined : attempt(code), signal: options?.signal }), "DELETE");
    },
  };
}
