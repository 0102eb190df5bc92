/**
 * What Scalingo's error bodies mean: the message (`{"error"}`, `{"errors": {field: [...]}}`),
 * and the three classes of its own the runtime does not know: a two-factor challenge, a
 * billing problem with its `url`, and a not-found `resource`. Plugged into the pipeline as
 * `errorMessage` and `errorClass`.
 */
import {
  firstErrorMessage,
  genericErrorMessage,
  HttpError,
  isObject,
  named,
  NotFoundError as HttpNotFoundError,
  parseFieldErrors,
  text,
  UnauthorizedError,
  type ApiErrorFields,
  type ErrorClassHook,
  type ErrorMessageExtractor,
} from "../runtime/index.js";

/** Scalingo: `{"error": "…"}`, `{"errors": {"field": ["…"]}}`, `{"errors": ["…"]}`. */
export const scalingoErrorMessage: ErrorMessageExtractor = (body) => {
  if (!isObject(body)) return undefined;
  const error = text(body.error);
  const fields = parseFieldErrors(body);
  const list = fields
    ? Object.entries(fields)
        .map(([field, messages]) => `${field} ${messages.join(", ")}`)
        .join("; ")
    : Array.isArray(body.errors)
      ? body.errors.map(text).filter(Boolean).join("; ") || undefined
      : undefined;
  return error && list ? `${error} (${list})` : (error ?? list);
};

/** Scalingo's bodies, then the common shapes (its 429 is plain text). */
export const scalingoApiErrorMessage: ErrorMessageExtractor = firstErrorMessage(scalingoErrorMessage, genericErrorMessage);

/** 401 whose body says `"OTP Required"`: the account has 2FA; retry the login with an OTP. */
export class OtpRequiredError extends UnauthorizedError {}
named(OtpRequiredError, "OtpRequiredError");

export class PaymentRequiredError extends HttpError {
  declare readonly status: 402;
  /** Where the user can fix billing, if given. */
  readonly url: string | undefined;
  constructor(message: string, fields: ApiErrorFields & { url?: string | undefined }) {
    super(message, fields);
    this.url = fields.url;
  }
}
named(PaymentRequiredError, "PaymentRequiredError");

/** A 404; `resource` names the kind of thing that was not found (e.g. `app`), when Scalingo says. */
export class NotFoundError extends HttpNotFoundError {
  readonly resource: string | undefined;
  constructor(message: string, fields: ApiErrorFields & { resource?: string | undefined }) {
    super(message, fields);
    this.resource = fields.resource;
  }
}
named(NotFoundError, "NotFoundError");

/** Scalingo's classes for 401 "OTP Required", 402 and 404; the runtime's for everything else. */
export const scalingoErrorClass: ErrorClassHook = ({ message, fields, body, detail }) => {
  const obj = isObject(body) ? body : {};
  switch (fields.status) {
    case 401:
      return [text(obj.error), detail].some((t) => t !== undefined && /\bOTP required\b/i.test(t)) ? new OtpRequiredError(message, fields) : undefined;
    case 402:
      return new PaymentRequiredError(message, { ...fields, url: text(obj.url) });
    case 404:
      return new NotFoundError(message, { ...fields, resource: text(obj.resource) });
    default:
      return undefined;
  }
};

/** The shape of Scalingo API tokens (`tk-us-…`, `tk-eu-…`): scrubbed even when not registered. */
export const API_TOKEN_PATTERN = /\btk-[a-z]{2,4}-[A-Za-z0-9_-]{6,}/g;
