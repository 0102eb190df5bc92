/**
 * Protects the sandbox's promise under bad input, as the mock's: for every API, 500 generated
 * invalid requests (missing credentials, mistyped or out-of-range query parameters, bodies that
 * break the request schema, malformed JSON) each get a documented 4xx whose body validates
 * against the documented error schema, sent with credentials the sandbox accepts so that the
 * request reaches its validation. The engine's own answers pass Prism with zero violations.
 * The known exception is the mock's: Prism answers unparsable JSON itself, before the engine.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apis, createSpecValidator, listOperations, loadBundledSpec } from "@openregions/apis";
import { startSandbox, type RunningSandbox } from "@openregions/mock";
import { invalidRequestsFor, type InvalidRequest } from "@openregions/contract";

const RUNS_PER_API = 500;

/** The request with the sandbox's credentials in place of the placeholders (a missing-credentials case keeps none). */
function authenticated(sandbox: RunningSandbox, request: InvalidRequest): Record<string, string> {
  if (request.kind === "no-credentials") return request.headers;
  const credentialNames = new Set(["authorization", "x-auth-token", "x-authorization-otp"]);
  const others = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !credentialNames.has(name.toLowerCase())));
  return { ...others, ...sandbox.authHeaders(request.operationId) };
}

describe.each(apis.map((api) => [api.name, api] as const))("%s sandbox under generated bad input", (_name, api) => {
  const spec = loadBundledSpec(api);
  const validator = createSpecValidator(spec);
  const generators = listOperations(spec).flatMap((op) => invalidRequestsFor(spec, validator, op));
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ api, onViolation: () => {} });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  it(`answers ${RUNS_PER_API} invalid requests with a documented 4xx in the spec's error shape, every kind of them`, async () => {
    const kinds = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.oneof(...generators), async (request: InvalidRequest) => {
        kinds.add(request.kind);
        const response = await fetch(`${sandbox.url}${request.path}`, { method: request.method, headers: authenticated(sandbox, request), body: request.body });
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
      { numRuns: RUNS_PER_API, seed: 20261201, endOnFailure: true },
    );
    const generatable = new Set(generators.map((arbitrary) => fc.sample(arbitrary, 1)[0]!.kind));
    expect([...kinds].sort(), "every kind of bad request the spec allows was sent").toEqual([...generatable].sort());
    expect(sandbox.violations).toEqual([]);
  });
});
