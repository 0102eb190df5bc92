/**
 * The five conformance checks of one answer, each on its own: no 5xx, a documented status, a
 * documented content type (and a body that parses as it claims), the documented headers, and
 * the body schema. `judge` (verify) and `contract check` both read their problems from here.
 */
import type { BundledSpec, OperationInfo } from "@openregions/apis";
import { deref } from "@openregions/apis";
import type { SecretRedactor } from "./credentials.js";
import type { SpecValidator } from "./spec-validator.js";

export const CONFORMANCE_CHECKS = [
  "not_a_server_error",
  "status_code_conformance",
  "content_type_conformance",
  "response_headers_conformance",
  "response_schema_conformance",
] as const;
export type ConformanceCheck = (typeof CONFORMANCE_CHECKS)[number];

/** What the conformance checks need to know of an answer. */
export interface ConformanceAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly parseProblem?: string;
}

export type ConformanceProblems = Record<ConformanceCheck, string[]>;

/** The documented response of `status` (exact, then `2XX`, then `default`), or undefined. */
export function documentedResponse(spec: BundledSpec, op: OperationInfo, status: number): Record<string, unknown> | undefined {
  const responses = (op.operation["responses"] ?? {}) as Record<string, unknown>;
  const key = [String(status), `${String(status)[0]}XX`, "default"].find((candidate) => candidate in responses);
  return key === undefined ? undefined : deref<Record<string, unknown>>(spec, responses[key]);
}

/**
 * What a validating proxy (Prism's `sl-violations`) found wrong with the answer. Violations it
 * located in the request are left out: they judge what was sent (a check sends invalid
 * requests on purpose), not the server. Text that is not Prism's JSON is kept whole.
 */
function answerViolations(header: string | null): string | undefined {
  if (!header) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(header);
  } catch {
    return header;
  }
  if (!Array.isArray(parsed)) return header;
  const kept = parsed.filter((violation) => (violation as { location?: unknown[] } | null)?.location?.[0] !== "request");
  return kept.length === 0 ? undefined : JSON.stringify(kept);
}

/**
 * Each check's problems with one answer. The checks do not overlap: a status the spec does not
 * document is only a status problem (its content type and body cannot be judged), and a
 * content type it does not document is only a content-type problem.
 */
export function conformanceProblems(
  spec: BundledSpec,
  validator: SpecValidator,
  redactor: SecretRedactor,
  op: OperationInfo,
  answer: ConformanceAnswer,
): { readonly byCheck: ConformanceProblems; readonly all: string[] } {
  const byCheck: ConformanceProblems = {
    not_a_server_error: answer.status >= 500 ? [`the server answered ${answer.status}`] : [],
    status_code_conformance: [],
    content_type_conformance: [],
    response_headers_conformance: [],
    response_schema_conformance: [],
  };
  const parse = answer.parseProblem ? [answer.parseProblem] : [];
  const checked = validator.checkResponse(op.operationId, answer.status, answer.headers.get("content-type"), answer.body).problems;
  const headers = validator.checkHeaders(op.operationId, answer.status, answer.headers).problems;
  const violations = answerViolations(answer.headers.get("sl-violations"));
  const proxy = violations ? [`the validating proxy reported: ${redactor.redact(violations)}`] : [];
  const response = documentedResponse(spec, op, answer.status);
  if (!response) {
    byCheck.status_code_conformance.push(...checked);
  } else {
    const content = response["content"] as Record<string, unknown> | undefined;
    const mediaType = (answer.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    const contentTypeProblem = content ? !(mediaType in content) : checked.length > 0;
    byCheck.content_type_conformance.push(...parse);
    (contentTypeProblem ? byCheck.content_type_conformance : byCheck.response_schema_conformance).push(...checked);
    byCheck.response_headers_conformance.push(...headers);
  }
  byCheck.response_schema_conformance.push(...proxy);
  // In the order verify has always listed them.
  return { byCheck, all: [...parse, ...checked, ...headers, ...proxy] };
}
