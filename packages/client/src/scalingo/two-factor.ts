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
const isCode = (code: unknown): code is string | number => (typeof code === "string" && code.trim() !== "") || (typeof code === "number" && Number.isInteger(code) && code >= 0);

/** The two-factor helpers of `client`. */
export function twoFactorHelpers(client: ApiClient<paths>, baseUrl: string): ScalingoTwoFactorHelpers {
  const signalOf = (options: ScalingoCallOptions | undefined) => (options?.signal ? { signal: options.signal } : {});
  /** The `tfa` member of a 2xx body, checked by `is`. */
  const tfa = <T>(result: { data?: unknown; response: Response }, method: string, path: string, is: (value: unknown) => value is T, shape: string): T =>
    bodyPart(result, { method, url: `${baseUrl}${path}` }, "tfa", is, `expected {"tfa": ${shape}}`);
  const isStatus = (value: unknown): value is ScalingoTwoFactor => isObject(value) && typeof value.enabled === "boolean";
  const attempt = (code: string | number) => ({ tfa: { attempt: typeof code === "string" ? code.trim() : code } });
  const checkCode = (what: string, code: unknown): void => {
    if (!isCode(code)) throw new TypeError(`twoFactor.${what}: the one-time code must be a non-empty string or a number`);
  };
  return {
    async status(options) {
      return tfa(await client.GET(TFA, signalOf(options)), "GET", TFA, isStatus, '{"enabled": …}');
    },
    async enrol(options) {
      const isEnrolment = (value: unknown): value is ScalingoTwoFactorEnrolment => isObject(value) && typeof value.enabled === "boolean" && typeof value.uri === "string";
      const result = await client.POST(TFA, { body: { tfa: { provider: "totp" } }, ...signalOf(options) });
      return tfa(result, "POST", TFA, isEnrolment, '{"uri": "otpauth://…", …}');
    },
    async validate(code, options) {
      checkCode("validate", code);
      const isValidation = (value: unknown): value is ScalingoTwoFactorValidation => isObject(value) && Array.isArray(value.codes) && isStatus(value.user);
      const result = await client.POST("/v1/client/tfa/validate", { body: attempt(code), ...signalOf(options) });
      return tfa(result, "POST", "/v1/client/tfa/validate", isValidation, '{"codes": [...], "user": {...}}');
    },
    async disable(options) {
      const code = options?.code;
      if (code !== undefined) checkCode("disable", code);
      const result = await client.DELETE(TFA, { ...(code === undefined ? {} : { body: attempt(code) }), ...signalOf(options) });
      return tfa(result, "DELETE", TFA, isStatus, '{"enabled": …}');
    },
  };
}
