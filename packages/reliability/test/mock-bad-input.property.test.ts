/**
 * Protects the promise that a bad request to a mock gets the spec's error shape: for every API,
 * at least 500 generated invalid requests (missing credentials, out-of-range or mistyped query
 * parameters, bodies that break the request schema, malformed JSON) each get a documented 4xx
 * whose body validates against the documented error schema: never a 5xx, never a crash.
 * One known exception is asserted as such: Prism answers unparsable JSON with 400 and its own
 * body, before it consults the spec.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apis, listOperations, loadBundledSpec } from "@openregions/apis";
import { createSpecValidator } from "@openregions/contract";
import { startMock, type RunningMock } from "@openregions/mock";
import { invalidRequestsFor, type InvalidRequest } from "@openregions/contract";

const RUNS_PER_API = 500;
type Kind = InvalidRequest["kind"];
const ALL_KINDS: readonly Kind[] = ["no-credentials", "bad-query", "bad-body", "malformed-json"];
/**
 * The kinds of bad request each API's mock must get. Every kind, except where the spec gives
 * the mock no documented way to refuse it: Rainbond's only typed query parameter
 * (`getRegion`'s boolean `extend_info`) sits on an operation without 400 or 422, and Huawei
 * IAM's query parameters are free strings (nothing to break).
 */
const EXPECTED_KINDS: Readonly<Record<string, readonly Kind[]>> = {
  scalingo: ALL_KINDS,
  rainbond: ["no-credentials", "bad-body", "malformed-json"],
  "huawei-iam": ["no-credentials", "bad-body", "malformed-json"],
};

describe.each(apis.map((api) => [api.name, api] as const))("%s mock under generated bad input", (_name, api) => {
  const spec = loadBundledSpec(api);
  const validator = createSpecValidator(spec);
  const generators = listOperations(spec).flatMap((op) => invalidRequestsFor(spec, validator, op));
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ api });
  });
  afterAll(async () => {
    await mock.close();
  });

  it("has invalid requests to generate", () => {
    expect(generators.length).toBeGreaterThan(0);
  });

  it(`answers ${RUNS_PER_API} invalid requests with a documented 4xx in the spec's error shape`, async () => {
    const kinds = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.oneof(...generators), async (request: InvalidRequest) => {
        kinds.set(request.kind, (kinds.get(request.kind) ?? 0) + 1);
        const response = await fetch(`${mock.url}${request.path}`, { method: request.method, headers: request.headers, body: request.body });
        const text = await response.text();
        const label = `${request.kind} ${request.method} ${request.path} ${request.body ?? ""} → ${response.status} ${text.slice(0, 200)}`;
        expect(request.expected, label).toContain(response.status);
        const type = response.headers.get("content-type");
        const body: unknown = type?.includes("json") ? JSON.parse(text) : text;
        if (request.specShape) {
          expect(validator.checkResponse(request.operationId, response.status, type, body).problems, label).toEqual([]);
        } else {
          expect(body, label).toMatchObject({ error: { code: "invalid_json" } });
        }
      }),
      { numRuns: RUNS_PER_API, seed: 20261123, endOnFailure: true },
    );
    // Each kind reached the mock: a generator that stopped producing one would go unnoticed otherwise.
    const expectedKinds = EXPECTED_KINDS[api.name];
    expect(expectedKinds, `${api.name}: say which kinds of bad request its mock must get`).toBeDefined();
    expect(ALL_KINDS.filter((kind) => (kinds.get(kind) ?? 0) > 0)).toEqual(ALL_KINDS.filter((kind) => expectedKinds!.includes(kind)));
    const health = await fetch(`${mock.url}${listOperations(spec)[0]!.path.replace(/\{[^}]+\}/g, "x")}`);
    expect(health.status).toBeLessThan(500);
  });
});
