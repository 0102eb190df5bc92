/**
 * Prism as a validating proxy in front of the engine: every request and every answer is checked
 * against the spec. A response violation is logged with its operation and counted, so a test
 * can assert there were none.
 */
import { getHttpOperationsFromSpec, type IHttpConfig } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";
import type { MockApi } from "../apis.js";
import type { MockLogLevel } from "../log-level.js";
import { createMockLogger } from "../logger.js";
import { passThroughForward, reportingValidators } from "../prism-components.js";
import { describeViolation, type Violation } from "../violation.js";

/** A violation of an answer the sandbox gave: its engine left the spec. */
export type ResponseViolation = Violation & { readonly direction: "response" };

export interface ValidatingFront {
  readonly url: string;
  readonly violations: readonly ResponseViolation[];
  close(): Promise<void>;
}

export interface FrontOptions {
  readonly api: MockApi;
  readonly specPath: string;
  readonly upstream: string;
  readonly port: number;
  readonly host: string;
  readonly logLevel: MockLogLevel;
  /** Where a violation is reported as it happens; stderr by default. */
  readonly onViolation?: (violation: ResponseViolation) => void;
}

const config = (upstream: string): IHttpConfig => ({
  isProxy: true,
  upstream: new URL(upstream),
  upstreamProxy: undefined,
  checkSecurity: true,
  validateRequest: true,
  validateResponse: true,
  errors: false,
  mock: { dynamic: false },
});

export async function startFront(options: FrontOptions): Promise<ValidatingFront> {
  const operations = await getHttpOperationsFromSpec(options.specPath);
  const violations: ResponseViolation[] = [];
  const report = options.onViolation ?? ((violation) => process.stderr.write(`${describeViolation(options.api.name, violation)}\n`));
  const validators = reportingValidators((violation) => {
    // Invalid requests are the engine's to answer (with the platform's 4xx); only answers count.
    if (violation.direction !== "response") return;
    violations.push(violation as ResponseViolation);
    report(violation as ResponseViolation);
  });
  // Prism types its components with fp-ts; ours have the same shape (see prism-components.ts).
  const server = createServer(operations, {
    cors: true,
    config: config(options.upstream),
    components: { logger: createMockLogger(options.api.name, options.logLevel), ...validators, forward: passThroughForward as never },
  });
  const address = await server.listen(options.port, options.host);
  let closed: Promise<void> | undefined;
  return {
    url: address.replace(/\/$/, ""),
    violations,
    close: () => (closed ??= server.close()),
  };
}
