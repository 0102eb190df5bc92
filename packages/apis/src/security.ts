/**
 * What an operation's `security` asks for, read the same way by every package: the example
 * requests, the docs' curl lines, and the contract tools that send real credentials.
 */
import type { BundledSpec } from "./bundled.js";
import type { OperationInfo } from "./operations.js";

/** A security scheme of `components.securitySchemes`, typed as far as the packages read it. */
export interface SecurityScheme {
  readonly type: string;
  /** For `type: http`: `basic`, `bearer`, … */
  readonly scheme?: string;
  /** For `type: apiKey`: `header`, `query` or `cookie`. */
  readonly in?: string;
  /** For `type: apiKey`: the header, query parameter or cookie name. */
  readonly name?: string;
  readonly description?: string;
}

/** One way to satisfy an operation's security: the names of the schemes to send together. */
export type SecurityRequirement = readonly string[];

/** The spec's security schemes by name. */
export function securitySchemes(spec: BundledSpec): Record<string, SecurityScheme> {
  return (spec.components?.["securitySchemes"] ?? {}) as Record<string, SecurityScheme>;
}

/**
 * The alternatives an operation accepts (its own `security`, else the spec's), in the spec's
 * order. An empty alternative means the operation may be called without credentials.
 */
export function securityRequirements(spec: BundledSpec, op: OperationInfo): SecurityRequirement[] {
  const requirements = (op.operation["security"] ?? spec["security"] ?? []) as Array<Record<string, string[]>>;
  return requirements.map((requirement) => Object.keys(requirement));
}

/** True when the operation may be called without credentials (no requirement, or an empty one). */
export function allowsAnonymous(spec: BundledSpec, op: OperationInfo): boolean {
  const requirements = securityRequirements(spec, op);
  return requirements.length === 0 || requirements.some((names) => names.length === 0);
}

/**
 * The schemes a caller sends by default: those of the first requirement, none when the
 * operation may be called anonymously.
 */
export function requiredSchemes(spec: BundledSpec, op: OperationInfo): string[] {
  return allowsAnonymous(spec, op) ? [] : [...securityRequirements(spec, op)[0]!];
}

/** The header a scheme's credential travels in: an `apiKey` header's own name, else `Authorization`. */
export function credentialHeader(scheme: SecurityScheme | undefined): string {
  return scheme?.type === "apiKey" && scheme.in === "header" && scheme.name ? scheme.name : "Authorization";
}
