/**
 * OpenAPI links: what a 2xx answer of one operation feeds into the next. A link names its
 * target by `operationId` and gives parameters as runtime expressions:
 * `$response.body#/token/id`, `$response.header.X-Subject-Token`, or constants; a parameter key
 * may name its location (`path.id`, `query.x`, `header.X-Auth-Token`).
 */
import { deref, type BundledSpec, type OperationInfo } from "@openregions/apis";

export interface SpecLink {
  readonly name: string;
  readonly target: OperationInfo;
  /** Location-qualified keys (`path.id`) mapped to runtime expressions or constants. */
  readonly parameters: Readonly<Record<string, unknown>>;
}

/** The links of an operation's 2xx responses, with their target operations. */
export function linksOf(spec: BundledSpec, operations: readonly OperationInfo[], op: OperationInfo): SpecLink[] {
  const responses = (op.operation["responses"] ?? {}) as Record<string, unknown>;
  const links: SpecLink[] = [];
  for (const [status, response] of Object.entries(responses)) {
    if (!/^2/.test(status)) continue;
    const declared = (deref<{ links?: Record<string, unknown> }>(spec, response).links ?? {}) as Record<string, unknown>;
    for (const [name, raw] of Object.entries(declared)) {
      const link = deref<{ operationId?: string; parameters?: Record<string, unknown> }>(spec, raw);
      const target = operations.find((candidate) => candidate.operationId === link.operationId);
      if (!target) throw new Error(`link ${name} of ${op.operationId} names no operation of the spec (operationId ${link.operationId ?? "absent"})`);
      links.push({ name, target, parameters: link.parameters ?? {} });
    }
  }
  return links;
}

function pointerInto(value: unknown, pointer: string): unknown {
  if (pointer === "" || pointer === "/") return value;
  return pointer
    .split("/")
    .slice(1)
    .map((token) => decodeURIComponent(token).replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce<unknown>((node, token) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[token] : undefined), value);
}

/** The value of a runtime expression over an answer; undefined when the answer lacks it. */
export function evaluate(expression: unknown, answer: { readonly headers: Headers; readonly body: unknown }): string | undefined {
  if (typeof expression !== "string" || !expression.startsWith("$")) return expression === undefined ? undefined : String(expression);
  const header = /^\$response\.header\.(.+)$/.exec(expression);
  if (header) return answer.headers.get(header[1]!) ?? undefined;
  const body = /^\$response\.body(?:#(.*))?$/.exec(expression);
  if (body) {
    const found = pointerInto(answer.body, body[1] ?? "");
    return found === undefined || found === null || typeof found === "object" ? undefined : String(found);
  }
  throw new Error(`runtime expression ${expression} is not supported (only $response.body#… and $response.header.…)`);
}

/** Where a link parameter goes: `path.id` → path/id; a bare name → the target's path parameter of that name, else query. */
export function parameterLocation(key: string, target: OperationInfo): { in: "path" | "query" | "header"; name: string } {
  const qualified = /^(path|query|header)\.(.+)$/.exec(key);
  if (qualified) return { in: qualified[1] as "path" | "query" | "header", name: qualified[2]! };
  return target.path.includes(`{${key}}`) ? { in: "path", name: key } : { in: "query", name: key };
}
