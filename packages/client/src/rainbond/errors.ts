/**
 * Rainbond's error body: one loose object whose fields depend on the layer
 * that failed (`detail` from authentication and permissions; `code`, `msg`,
 * `msg_show` from business errors; `detail`, `err`, `code: 20400` from
 * validation). Every field is optional.
 */
import { ApiError, isObject as isObj, text, type ErrorMessageExtractor } from "../runtime/index.js";
import type { components } from "../generated/rainbond.js";

/** The console's error object, as the spec describes it (every field optional). */
export type RainbondErrorBody = components["schemas"]["Error"];

/** Rainbond: `{"code": 400, "msg": "…", "msg_show": "…", "detail": "…"}`. */
export const rainbondErrorMessage: ErrorMessageExtractor = (body) => {
  if (!isObj(body)) return undefined;
  const msg = text(body.msg);
  const show = text(body.msg_show);
  if (msg && show && msg !== show) return `${msg} (${show})`;
  // `{"detail": "…"}` alone is Rainbond's Django REST style; with a `title` it is RFC 7807 (generic).
  return msg ?? show ?? (text(body.title) ? undefined : text(body.detail));
};

/** `err` as one line: `["a", "b"]` → `a; b`, `{"url": ["bad"]}` and `[{"url": ["bad"]}]` → `url: bad`. */
function validationDetails(err: unknown): string | undefined {
  if (Array.isArray(err)) return err.map((item) => (isObj(item) ? validationDetails(item) : text(item))).filter(Boolean).join("; ") || undefined;
  if (!isObj(err)) return text(err);
  const parts: string[] = [];
  for (const [field, value] of Object.entries(err)) {
    const messages = (Array.isArray(value) ? value : [value]).map(text).filter((m): m is string => m !== undefined);
    if (messages.length > 0) parts.push(`${field}: ${messages.join(", ")}`);
  }
  return parts.length > 0 ? parts.join("; ") : undefined;
}

/** Per-field messages of one validated object, keeping only the string messages. */
function fieldErrors(err: Record<string, unknown>): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const [field, value] of Object.entries(err)) {
    fields[field] = (Array.isArray(value) ? value : [value]).filter((m): m is string => typeof m === "string");
  }
  return fields;
}

/**
 * Message of a Rainbond error body: `msg (msg_show)` or `detail`, followed by
 * the validation details in `err` when there are any, e.g.
 * `参数错误 (url: 数据中心API地址非法; wsurl: 数据中心Websocket地址非法)`.
 */
export const rainbondClientErrorMessage: ErrorMessageExtractor = (body, context) => {
  const base = rainbondErrorMessage(body, context);
  const details = isObj(body) ? validationDetails(body.err) : undefined;
  if (base && details) return `${base} (${details})`;
  return base ?? details;
};

/**
 * The parsed (and redacted) Rainbond error object carried by an error the
 * client threw, or undefined when the error has no such body (network
 * failure, HTML error page…). Use it to show `msg_show` to people or to branch
 * on the business `code` (e.g. 20400 for invalid input).
 */
export function rainbondErrorBody(error: unknown): RainbondErrorBody | undefined {
  if (!(error instanceof ApiError) || !isObj(error.body)) return undefined;
  const body = error.body;
  const out: RainbondErrorBody = {};
  if (typeof body.code === "number") out.code = body.code;
  if (typeof body.msg === "string") out.msg = body.msg;
  if (typeof body.msg_show === "string") out.msg_show = body.msg_show;
  if (typeof body.detail === "string") out.detail = body.detail;
  if (typeof body.error_type === "string") out.error_type = body.error_type;
  if (Array.isArray(body.err)) {
    const items: Array<string | Record<string, string[]>> = [];
    for (const item of body.err) {
      if (typeof item === "string") items.push(item);
      else if (isObj(item)) items.push(fieldErrors(item));
    }
    out.err = items;
  } else if (isObj(body.err)) out.err = fieldErrors(body.err);
  if (typeof body.error_trace === "string") out.error_trace = body.error_trace;
  if ("data" in body) out.data = body.data;
  return Object.keys(out).length > 0 ? out : undefined;
}
