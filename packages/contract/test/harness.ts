import { afterAll, beforeAll, expect } from "vitest";
import { getApi, loadBundledSpec } from "@openregions/apis";
import { startMock, type RunningMock } from "@openregions/mock";
import { createSpecValidator, type SpecValidator } from "../src/index.js";

export interface MockHarness {
  /** The running mock; set once `beforeAll` has run. */
  readonly mock: RunningMock;
  readonly validator: SpecValidator;
  /** Operation ids this suite has called, for the "every operation" check. */
  readonly called: Set<string>;
  /** Asserts that a response conforms to the spec and that Prism saw no violation. */
  expectConforms(operationId: string, response: Response, body: unknown): void;
}

/** Starts the real Prism mock of one API on a free port for the current test file. */
export function useMock(apiName: string): MockHarness {
  const validator = createSpecValidator(loadBundledSpec(getApi(apiName)));
  let running: RunningMock | undefined;
  beforeAll(async () => {
    running = await startMock({ api: apiName });
  });
  afterAll(async () => {
    await running?.close();
  });
  const called = new Set<string>();
  return {
    get mock() {
      if (!running) throw new Error("the mock is not started yet");
      return running;
    },
    validator,
    called,
    expectConforms(operationId, response, body) {
      called.add(operationId);
      expect(response.headers.get("sl-violations"), "Prism reported a violation").toBeNull();
      const { problems } = validator.checkResponse(operationId, response.status, response.headers.get("content-type"), body);
      expect(problems, `${operationId} ${response.status} conforms to the spec`).toEqual([]);
    },
  };
}

/** Reads a body the way a client would: JSON when it says so, text otherwise, nothing for 204. */
export async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  return (response.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : text;
}
