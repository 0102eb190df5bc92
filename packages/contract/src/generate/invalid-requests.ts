import fc from "fast-check";
import { deref, exampleRequest, type BundledSpec, type OperationInfo } from "@openregions/apis";
import type { SpecValidator } from "../spec-validator.js";
import { schemaMutations } from "./negative-bodies.js";
import { requestBodySchema } from "./schema-walk.js";

/** A request the spec forbids, and the statuses the spec documents for refusing it. */
export interface InvalidRequest {
  readonly operationId: string;
  readonly kind: "no-credentials" | "bad-query" | "bad-body" | "malformed-json";
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** Documented refusal statuses, in the order Prism prefers them. */
  readonly expected: readonly number[];
  /**
   * False when the mock answers with Prism's own body rather than the spec's: Prism rejects
   * unparsable JSON with `{"error":{"code":"invalid_json",…}}` before it looks at the spec.
   */
  readonly specShape: boolean;
  /** What makes it invalid, e.g. "/key/content left out (required)". */
  readonly reason: string;
}

interface QueryParameter {
  name: string;
  in: string;
  schema?: { type?: string | string[]; minimum?: number; maximum?: number; enum?: unknown[] };
}

const documented = (validator: SpecValidator, op: OperationInfo, statuses: number[]) =>
  statuses.filter((status) => validator.documentedStatuses(op.operationId).includes(String(status)));

function requiresCredentials(spec: BundledSpec, op: OperationInfo): boolean {
  const requirements = (op.operation["security"] ?? spec["security"] ?? []) as Array<Record<string, string[]>>;
  return requirements.length > 0 && requirements.every((requirement) => Object.keys(requirement).length > 0);
}

/** Values a query parameter's schema rejects: wrong type, or outside its bounds. */
function invalidQueryValue(parameter: QueryParameter): fc.Arbitrary<string> | undefined {
  const schema = parameter.schema ?? {};
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const words = fc.stringMatching(/^[a-z][a-z_]{0,11}$/).filter((word) => word !== "true" && word !== "false");
  if (type === "integer" || type === "number") {
    const outside: fc.Arbitrary<string>[] = [words];
    if (schema.minimum !== undefined) outside.push(fc.integer({ min: -1_000_000, max: schema.minimum - 1 }).map(String));
    if (schema.maximum !== undefined) outside.push(fc.integer({ min: schema.maximum + 1, max: 1_000_000_000 }).map(String));
    return fc.oneof(...outside);
  }
  if (type === "boolean") return words;
  if (schema.enum) return words.filter((word) => !schema.enum!.includes(word));
  return undefined;
}

/**
 * Every kind of invalid request the spec documents a refusal for, for one operation. A kind
 * is left out when the operation documents no 4xx for it (the mock would have to invent one).
 */
export function invalidRequestsFor(spec: BundledSpec, validator: SpecValidator, op: OperationInfo): fc.Arbitrary<InvalidRequest>[] {
  const valid = exampleRequest(spec, op);
  const base = { operationId: op.operationId, method: op.method.toUpperCase(), path: valid.path, headers: valid.headers, body: valid.body };
  const arbitraries: fc.Arbitrary<InvalidRequest>[] = [];

  const unauthorized = documented(validator, op, [401]);
  if (requiresCredentials(spec, op) && unauthorized.length > 0) {
    const { Authorization: _authorization, ...rest } = valid.headers;
    const headers = Object.fromEntries(Object.entries(rest).filter(([name]) => !/^x-auth-token$/i.test(name)));
    arbitraries.push(fc.constant({ ...base, kind: "no-credentials", headers, expected: unauthorized, specShape: true, reason: "no credentials" }));
  }

  const refusal = documented(validator, op, [422, 400]);
  if (refusal.length > 0) {
    const pathItem = spec.paths[op.path] as { parameters?: unknown[] };
    const queries = [...(pathItem.parameters ?? []), ...((op.operation["parameters"] as unknown[] | undefined) ?? [])]
      .map((p) => deref<QueryParameter>(spec, p))
      .filter((p) => p.in === "query");
    for (const parameter of queries) {
      const value = invalidQueryValue(parameter);
      if (!value) continue;
      arbitraries.push(
        value.map((bad) => {
          const [pathname, search = ""] = valid.path.split("?");
          const query = new URLSearchParams(search);
          query.set(parameter.name, bad);
          const reason = `query parameter ${parameter.name}=${bad} breaks its schema`;
          return { ...base, kind: "bad-query" as const, path: `${pathname}?${query}`, expected: refusal, specShape: true, reason };
        }),
      );
    }

    if (valid.mediaType === "application/json" || (op.operation["requestBody"] && !valid.mediaType)) {
      const jsonHeaders = { ...valid.headers, "Content-Type": "application/json" };
      // Prism reads a falsy JSON value (`null`, `""`, `0`, `false`) as "no body", which an optional body allows.
      const bodyRequired = deref<{ required?: boolean }>(spec, op.operation["requestBody"]).required === true;
      const isInvalid = (value: unknown) => (bodyRequired || Boolean(value)) && validator.checkRequestBody(op.operationId, value).problems.length > 0;
      const randomBodies = fc
        .jsonValue({ maxDepth: 3 })
        .filter(isInvalid)
        .map((value) => ({ body: value as unknown, reason: "a random JSON value the schema rejects" }));
      // Targeted: the example with one rule of its schema broken (a required field left out, a wrong type, a bound crossed).
      const schema = requestBodySchema(spec, op);
      const example = valid.body === undefined ? undefined : (JSON.parse(valid.body) as unknown);
      const targeted = schema && example !== undefined ? schemaMutations(spec, schema, example, isInvalid) : [];
      const bodies = targeted.length > 0 ? fc.oneof(fc.constantFrom(...targeted), randomBodies) : randomBodies;
      arbitraries.push(
        bodies.map(({ body, reason }) => ({ ...base, kind: "bad-body" as const, headers: jsonHeaders, body: JSON.stringify(body), expected: refusal, specShape: true, reason })),
      );
      if (documented(validator, op, [400]).length > 0) {
        const truncated = fc.constantFrom('{"token": {', '{"name": ', "[1, 2", '{"key": {"name": "x",}}', "{'single': 'quotes'}");
        arbitraries.push(
          truncated.map((text) => ({ ...base, kind: "malformed-json" as const, headers: jsonHeaders, body: text, expected: [400], specShape: false, reason: "malformed JSON" })),
        );
      }
    }
  }
  return arbitraries;
}
