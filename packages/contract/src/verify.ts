/**
 * Provider verification: calls the operations of a spec against a running server, with the
 * spec's example requests and real credentials when given, and checks every answer against
 * the spec (documented status, required headers, content type, body schema).
 */
import {
  credentialHeader,
  exampleCredentials,
  exampleRequest,
  listOperations,
  securityRequirements,
  securitySchemes,
  type ApiDefinition,
  type BundledSpec,
  type OperationInfo,
} from "@openregions/apis";
import { authProfile, type AuthProfile, type Session } from "./auth-profiles.js";
import { checkTarget, hasRealCredentials, SecretRedactor, type Credentials } from "./credentials.js";
import { createSpecValidator, type SpecValidator } from "./spec-validator.js";

export type VerifyOutcome = "pass" | "fail" | "skip";

export interface OperationResult {
  readonly operationId: string;
  readonly method: string;
  /** The path template of the spec, e.g. `/v1/tokens/{id}`. */
  readonly path: string;
  /** The HTTP status received; undefined when no answer came (skipped, or the request failed). */
  readonly status?: number;
  readonly outcome: VerifyOutcome;
  /** Why it failed, or why it was skipped; credentials are already masked. */
  readonly problems: readonly string[];
  readonly durationMs: number;
}

export interface VerifyReport {
  readonly api: string;
  /** The target, as given (it never holds credentials). */
  readonly target: string;
  readonly results: readonly OperationResult[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly durationMs: number;
}

export interface VerifyOptions {
  readonly api: ApiDefinition;
  readonly spec: BundledSpec;
  /** Base URL of the server under test; the spec's paths are appended to it. */
  readonly target: string;
  readonly credentials?: Credentials;
  /** Also call operations that change state (POST, PUT, PATCH, DELETE that are not logins). */
  readonly writes?: boolean;
  /** Per-request timeout, milliseconds (default 10 s). */
  readonly timeoutMs?: number;
  /** A validator compiled from `spec`, to share one across runs. */
  readonly validator?: SpecValidator;
  /** Masks secrets in the report; verify adds the credentials and the tokens it learns. */
  readonly redactor?: SecretRedactor;
}

const SAFE_METHODS = new Set(["get", "head", "options"]);
const MAX_BODY_BYTES = 8 << 20;

type Phase = 0 | 1 | 2 | 3;
/** Logins first, then reads, then creations and updates, and deletions last. */
function phase(op: OperationInfo, profile: AuthProfile): Phase {
  if (profile.loginOperations.includes(op.operationId)) return 0;
  if (SAFE_METHODS.has(op.method)) return 1;
  return op.method === "delete" ? 3 : 2;
}

/** The operations verify will visit, in the order it visits them. */
export function plannedOperations(spec: BundledSpec, apiName: string): OperationInfo[] {
  const profile = authProfile(apiName);
  return listOperations(spec)
    .map((op, index) => ({ op, index, phase: phase(op, profile) }))
    .sort((a, b) => a.phase - b.phase || a.index - b.index)
    .map(({ op }) => op);
}

/** Picks the headers of the first security requirement that the session can fully meet. */
function authHeaders(spec: BundledSpec, op: OperationInfo, session: Session): Record<string, string> | undefined {
  const schemes = securitySchemes(spec);
  for (const names of securityRequirements(spec, op)) {
    if (names.length === 0 || !names.every((name) => session.has(name))) continue;
    const headers: Record<string, string> = {};
    for (const name of names) headers[credentialHeader(schemes[name])] = session.get(name)!;
    return headers;
  }
  return undefined;
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
  readonly parseProblem?: string;
}

async function readAnswer(response: Response, method: string): Promise<Answer> {
  const base = { status: response.status, headers: response.headers };
  if (method === "head" || response.status === 204 || response.status === 304) {
    await response.body?.cancel();
    return { ...base, body: undefined };
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.byteLength > MAX_BODY_BYTES) return { ...base, body: undefined, parseProblem: `the body is larger than ${MAX_BODY_BYTES} bytes` };
  const text = new TextDecoder().decode(bytes);
  const contentType = (response.headers.get("content-type") ?? "").toLowerCase();
  if (!/[/+]json\b/.test(contentType)) return { ...base, body: text === "" ? undefined : text };
  try {
    return { ...base, body: JSON.parse(text) as unknown };
  } catch {
    return { ...base, body: text, parseProblem: `the body is not valid JSON although the content type is ${contentType}` };
  }
}

function joinUrl(target: URL, path: string): string {
  return `${target.origin}${target.pathname.replace(/\/+$/, "")}${path}`;
}

/** Calls the operations of one API against a running server and checks each answer against the spec. */
export async function verifyProvider(options: VerifyOptions): Promise<VerifyReport> {
  const credentials = options.credentials ?? {};
  const target = checkTarget(options.target, hasRealCredentials(credentials));
  const { spec, api } = options;
  const validator = options.validator ?? createSpecValidator(spec);
  const redactor = options.redactor ?? new SecretRedactor();
  redactor.add(credentials.bearer, credentials.apiToken, credentials.accessKey, credentials.password);
  const profile = authProfile(api.name);
  const session = profile.initialSession(credentials, spec);
  redactor.add(...session.values());
  const timeoutMs = options.timeoutMs ?? 10_000;
  const started = Date.now();
  const results: OperationResult[] = [];

  for (const op of plannedOperations(spec, api.name)) {
    const base = { operationId: op.operationId, method: op.method.toUpperCase(), path: op.path };
    const isLogin = profile.loginOperations.includes(op.operationId);
    if (!isLogin && !SAFE_METHODS.has(op.method) && !options.writes) {
      results.push({ ...base, outcome: "skip", problems: ["changes state: pass --writes to call it"], durationMs: 0 });
      continue;
    }
    const opStarted = Date.now();
    const problems: string[] = [];
    let status: number | undefined;
    try {
      const request = exampleRequest(spec, op);
      const headers = { ...request.headers };
      const real = authHeaders(spec, op, session);
      if (real) {
        for (const name of Object.keys(exampleCredentials(spec, op))) delete headers[name];
        Object.assign(headers, real);
      }
      let body = request.body;
      if (isLogin && profile.loginBody && body !== undefined && request.mediaType?.includes("json")) {
        body = JSON.stringify(profile.loginBody(op.operationId, credentials, JSON.parse(body)));
      }
      const response = await fetch(joinUrl(target, request.path), {
        method: base.method,
        headers,
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
      });
      const answer = await readAnswer(response, op.method);
      status = answer.status;
      if (isLogin && profile.learn) redactor.add(...profile.learn(op.operationId, answer, session, credentials));
      if (isLogin && (answer.status < 200 || answer.status > 299) && profile.loginCredentialsGiven?.(op.operationId, credentials)) {
        problems.push(`the login with the given credentials answered ${answer.status}; later calls go without them`);
      }
      if (answer.parseProblem) problems.push(answer.parseProblem);
      problems.push(...validator.checkResponse(op.operationId, answer.status, answer.headers.get("content-type"), answer.body).problems);
      problems.push(...validator.checkHeaders(op.operationId, answer.status, answer.headers).problems);
      const violations = answer.headers.get("sl-violations");
      if (violations) problems.push(`the validating proxy reported: ${violations}`);
    } catch (error) {
      problems.push(`request failed: ${describeError(error, timeoutMs)}`);
    }
    results.push({
      ...base,
      ...(status === undefined ? {} : { status }),
      outcome: problems.length === 0 ? "pass" : "fail",
      problems: problems.map((problem) => redactor.redact(problem)),
      durationMs: Date.now() - opStarted,
    });
  }

  return {
    api: api.name,
    target: options.target,
    results,
    passed: results.filter((result) => result.outcome === "pass").length,
    failed: results.filter((result) => result.outcome === "fail").length,
    skipped: results.filter((result) => result.outcome === "skip").length,
    durationMs: Date.now() - started,
  };
}

function describeError(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === "TimeoutError") return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}
