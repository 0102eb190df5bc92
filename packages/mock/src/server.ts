import { getHttpOperationsFromSpec, type IHttpConfig } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";
import { getMockApi, type MockApi } from "./apis.js";
import type { MockLogLevel } from "./log-level.js";
import { createMockLogger } from "./logger.js";
import { passThroughForward, reportingValidators } from "./prism-components.js";
import { describeViolation, type Violation } from "./violation.js";

export interface MockOptions {
  /** The API to serve: its name (`scalingo`), or anything with that name. */
  api: string | { readonly name: string };
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Loopback only by default. */
  host?: string;
  /** When set, Prism forwards to this server and validates the traffic instead of mocking. */
  upstream?: string;
  /** Turn every request or response violation into an error response (Prism's `--errors`). */
  errors?: boolean;
  /** Prism's log level; tests stay silent. */
  logLevel?: MockLogLevel;
  /** Path of the spec to serve; defaults to the API's bundle. */
  specPath?: string;
  /** Called for each request or response violation; by default it is printed once on stderr (unless logLevel is silent). */
  onViolation?: (violation: Violation) => void;
}

export interface RunningMock {
  readonly api: MockApi;
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:4010 */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

function configFor(options: MockOptions): IHttpConfig {
  const shared = {
    checkSecurity: true,
    validateRequest: true,
    validateResponse: true,
    errors: options.errors ?? false,
    upstreamProxy: undefined,
    mock: { dynamic: false },
  };
  if (!options.upstream) return { ...shared, isProxy: false };
  return { ...shared, isProxy: true, upstream: new URL(options.upstream) };
}

/** Starts Prism on one API's bundled spec: a validating mock, or a validating proxy. */
export async function startMock(options: MockOptions): Promise<RunningMock> {
  const api = getMockApi(options.api);
  const operations = await getHttpOperationsFromSpec(options.specPath ?? api.specPath);
  const logLevel = options.logLevel ?? "silent";
  const report = options.onViolation ?? ((violation: Violation) => logLevel !== "silent" && process.stderr.write(`${describeViolation(api.name, violation)}\n`));
  // Prism types its components with fp-ts; ours have the same shape (see prism-components.ts).
  const server = createServer(operations, {
    cors: true,
    config: configFor(options),
    components: { logger: createMockLogger(api.name, logLevel), ...reportingValidators(report), forward: passThroughForward as never },
  });
  const address = await server.listen(options.port ?? 0, options.host ?? "127.0.0.1");
  const url = address.replace(/\/$/, "");
  let closed: Promise<void> | undefined;
  return {
    api,
    url,
    port: Number(new URL(url).port),
    close: () => (closed ??= server.close()),
  };
}
