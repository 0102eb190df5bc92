/** A request or an answer Prism found outside the spec (no Prism types: this is public). */
export interface Violation {
  readonly direction: "request" | "response";
  readonly operationId: string;
  readonly method: string;
  /** The request's path (not the template), e.g. `/v1/keys/42`. */
  readonly path: string;
  /** The answer's status, for a response violation. */
  readonly status: number | undefined;
  readonly messages: readonly string[];
}

export function describeViolation(apiName: string, violation: Violation): string {
  const status = violation.status === undefined ? "" : ` answered ${violation.status}`;
  return `[${apiName}] ${violation.method} ${violation.path} (${violation.operationId})${status}: ${violation.direction} violation: ${violation.messages.join("; ")}`;
}
