/**
 * Prism as a validating proxy in front of the engine: every request and every answer is checked
 * against the spec. A response violation is logged with its operation and counted, so a test
 * can assert there were none.
 */
import type { ApiDefinition } from "@openregions/apis";
import { getHttpOperationsFromSpec, type IHttpConfig } from "@stoplight/prism-http";
import { validateOutput } from "@stoplight/prism-http/dist/validator/index.js";
import { createServer } from "@stoplight/prism-http-server";
import { createMockLogger, type MockLogLevel } from "../logger.js";

export interface ResponseViolation {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly messages: readonly string[];
}

export interface ValidatingFront {
  readonly url: string;
  readonly violations: readonly ResponseViolation[];
  close(): Promise<void>;
}

export interface FrontOptions {
  readonly api: ApiDefinition;
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

export function describeViolation(apiName: string, violation: ResponseViolation): string {
  return `[${apiName}] response violation: ${violation.method} ${violation.path} (${violation.operationId}) answered ${violation.status}: ${violation.messages.join("; ")}`;
}

export async function startFront(options: FrontOptions): Promise<ValidatingFront> {
  const operations = await getHttpOperationsFromSpec(options.specPath);
  const violations: ResponseViolation[] = [];
  const report = options.onViolation ?? ((violation) => process.stderr.write(`${describeViolation(options.api.name, violation)}\n`));
  const recordingValidateOutput: typeof validateOutput = (args) => {
    const outcome = validateOutput(args);
    if (outcome._tag === "Left") {
      const errors = outcome.left.filter((diagnostic) => diagnostic.severity === 0);
      if (errors.length > 0) {
        const resource = args.resource as { iid?: string; id: string; method: string; path: string };
        const violation: ResponseViolation = {
          operationId: resource.iid ?? resource.id,
          method: resource.method.toUpperCase(),
          path: resource.path,
          status: args.element.statusCode,
          messages: errors.map((diagnostic) => `${(diagnostic.path ?? []).join(".") || "(root)"} ${diagnostic.message}`),
        };
        violations.push(violation);
        report(violation);
      }
    }
    return outcome;
  };
  const server = createServer(operations, {
    cors: true,
    config: config(options.upstream),
    components: { logger: createMockLogger(options.api.name, options.logLevel), validateOutput: recordingValidateOutput },
  });
  const address = await server.listen(options.port, options.host);
  let closed: Promise<void> | undefined;
  return {
    url: address.replace(/\/$/, ""),
    violations,
    close: () => (closed ??= server.close()),
  };
}
