/**
 * What Huawei Cloud Stack IAM's error bodies mean: Keystone's `{"error": {message, code, title}}`
 * and the API gateway's `{"error_msg", "error_code"}`. Plugged into the pipeline as
 * `errorMessage` and `errorCode`.
 */
import { firstErrorMessage, isObject, scalar, text, type ErrorCodeExtractor, type ErrorMessageExtractor } from "../runtime/index.js";

/** Keystone / OpenStack: `{"error": {"message": "…", "code": 401, "title": "Unauthorized"}}`. */
export const keystoneErrorMessage: ErrorMessageExtractor = (body) => {
  if (!isObject(body) || !isObject(body.error)) return undefined;
  return text(body.error.message) ?? text(body.error.title);
};

/** Huawei API gateway: `{"error_msg": "…", "error_code": "APIGW.0301"}`. */
export const gatewayErrorMessage: ErrorMessageExtractor = (body) => {
  const msg = isObject(body) ? text(body.error_msg) : undefined;
  if (!msg) return undefined;
  const code = scalar((body as { error_code?: unknown }).error_code);
  return code ? `${msg} (${code})` : msg;
};

/** Keystone message first, then the API gateway's `error_msg (error_code)`. */
export const huaweiIamErrorMessage: ErrorMessageExtractor = firstErrorMessage(keystoneErrorMessage, gatewayErrorMessage);

/** The gateway's `error_code`, else Keystone's `error.code` (its status), else a plain `code`. */
export const huaweiIamErrorCode: ErrorCodeExtractor = (body) => {
  if (!isObject(body)) return undefined;
  return scalar(body.error_code) ?? (isObject(body.error) ? scalar(body.error.code) : undefined) ?? scalar(body.code);
};
