/**
 * Protects the spec's own consistency as the mock serves it: for every API, every operation and
 * every status it documents, the Prism mock (asked with `Prefer: code=…`) returns a body that
 * validates against the documented schema, with no violation reported by Prism.
 */
import { afterAll, describe, expect, it } from "vitest";
import { apis, exampleRequest, loadBundledSpec, listOperations, type OperationInfo } from "@openregions/apis";
import { startMock, type RunningMock } from "@openregions/mock";
import { createSpecValidator } from "../src/index.js";
import { readBody } from "./harness.js";

describe.each(apis.map((api) => [api.name, api] as const))("%s mock serves what its spec documents", (_name, api) => {
  const spec = loadBundledSpec(api);
  const validator = createSpecValidator(spec);
  const cases = listOperations(spec).flatMap((op: OperationInfo) =>
    validator.documentedStatuses(op.operationId).map((status) => ({ op, status })),
  );

  it.each(cases.map((c) => [`${c.op.operationId} → ${c.status}`, c] as const))("%s", async (_label, { op, status }) => {
    const mock: RunningMock = await startMockOnce(api.name);
    const request = exampleRequest(spec, op);
    const response = await fetch(`${mock.url}${request.path}`, {
      method: op.method.toUpperCase(),
      headers: { ...request.headers, Prefer: `code=${status}` },
      body: request.body,
    });
    const body = await readBody(response);
    expect(response.status).toBe(Number(status));
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(validator.checkResponse(op.operationId, response.status, response.headers.get("content-type"), body).problems).toEqual([]);
  });
});

const started = new Map<string, Promise<RunningMock>>();
function startMockOnce(name: string): Promise<RunningMock> {
  let mock = started.get(name);
  if (!mock) {
    mock = startMock({ api: name });
    started.set(name, mock);
  }
  return mock;
}

afterAll(async () => {
  await Promise.all([...started.values()].map(async (mock) => (await mock).close()));
});
