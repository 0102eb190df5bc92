/**
 * Provider verification: calls the operations of a spec against a running server, with the
 * spec's example requests and real credentials when given, and checks every answer against
 * the spec (documented status, required headers, content type, body schema). A call made as
 * the spec's example expects success: a documented error answer is a failure, and a refusal
 * of the credentials (or a rate limit) leaves the operation inconclusive, unless the caller
 * allows that status.
 *
 * One operation is one request case, judged by small named steps (`buildRequest`, `send`,
 * `judge`) that other checks can reuse.
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
import { checkTarget, hasRealCredentials, SecretRedactor, UsageError, type Credentials } from "./credentials.js";
import { conformanceProblems } from "./conformance.js";
import { bodyExcerpt, MIN_SECRET_LENGTH, tooShortSecrets } from "./masking.js";
import { itemParameters, ResourceIds, creatorsOf } from "./resource-ids.js";
import { createSpecValidator, type SpecValidator } from "./spec-validator.js";

/**
 * - `pass`: the expected answer, conforming to the spec.
 * - `fail`: an answer that breaks the spec, or a documented error where success was expected.
 * - `error`: no answer (refused connection, reset, timeout).
 * - `inconclusive`: the server refused the credentials or rate-limited the call: nothing was verified.
 * - `skip`: not called (it changes state without `--writes`, or the id it needs is missing).
 */
export type VerifyOutcome = "pass" | "fail" | "error" | "inconclusive" | "skip";

export interface OperationResult {
  readonly operationId: string;
  readonly method: string;
  /** The path template of the spec, e.g. `/v1/tokens/{id}`. */
  readonly path: string;
  /** The HTTP status received; undefined when no answer came (skipped, or the request failed). */
  readonly status?: number;
  readonly outcome: VerifyOutcome;
  /** Why it did not pass; text from the server is already masked. */
  readonly problems: readonly string[];
  /** The start of the answer's body (masked, one line), kept for an operation that did not pass. */
  readonly excerpt?: string;
  /** Where the ids of the path came from, e.g. "id created by createKey". */
  readonly ids?: readonly string[];
  readonly durationMs: number;
}

/** What `verify` and `check` both report about a run against a target: its counts, its notes, its duration. */
export interface RunSummary {
  readonly api: string;
  /** The target, as given (it never holds credentials). */
  readonly target: string;
  readonly passed: number;
  readonly failed: number;
  readonly errors: number;
  readonly inconclusive: number;
  readonly skipped: number;
  /** Things said once for the whole run, e.g. that nothing listens at the target. */
  readonly notes: readonly string[];
  readonly durationMs: number;
}

export interface VerifyReport extends RunSummary {
  readonly results: readonly OperationResult[];
}

/** A status the caller accepts as the answer: for one operation, or for every one (`operationId` absent). */
export interface AllowedStatus {
  readonly operationId?: string;
  readonly status: number;
}

export interface VerifyOptions {
  readonly api: ApiDefinition;
  readonly spec: BundledSpec;
  /** Base URL of the server under test; the spec's paths are appended to it. */
  readonly target: string;
  readonly credentials?: Credentials;
  /** Also call operations that change state (POST, PUT, PATCH, DELETE that are not logins). */
  readonly writes?: boolean;
  /** Documented statuses accepted besides success (`--allow-status`). */
  readonly allowStatuses?: readonly AllowedStatus[];
  /** Per-request timeout, milliseconds (default DEFAULT_TIMEOUT_MS). */
  readonly timeoutMs?: number;
  /** A validator compiled from `spec`, to share one across runs. */
  readonly validator?: SpecValidator;
  /** Masks secrets in the server's text; verify adds the credentials and the tokens it learns. */
  readonly redactor?: SecretRedactor;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const SAFE_METHODS = new Set(["get", "head", "options"]);
const MAX_BODY_BYTES = 8 << 20;
/** Statuses that say the call was not judged on its merits: the credentials, or the rate. */
const REFUSALS: Readonly<Record<number, string>> = {
  401: "the server refused the credentials",
  403: "the server refused the credentials (forbidden)",
  429: "the server rate-limited the call",
};

/** Everything one run shares between its request cases. */
export interface RunContext {
  readonly spec: BundledSpec;
  readonly operations: readonly OperationInfo[];
  readonly profile: AuthProfile;
  readonly credentials: Credentials;
  readonly session: Session;
  readonly target: URL;
  readonly validator: SpecValidator;
  readonly redactor: SecretRedactor;
  readonly ids: ResourceIds;
  readonly writes: boolean;
  readonly allowStatuses: readonly AllowedStatus[];
  readonly timeoutMs: number;
}

// --- the plan ---------------------------------------------------------------------------------

export const isLogin = (op: OperationInfo, profile: AuthProfile): boolean => profile.loginOperations.includes(op.operationId);
export const changesState = (op: OperationInfo, profile: AuthProfile): boolean => !isLogin(op, profile) && !SAFE_METHODS.has(op.method);

/** True when a path parameter of `op` names an item that a POST of the spec creates. */
function needsCreatedItem(op: OperationInfo, operations: readonly OperationInfo[]): boolean {
  return itemParameters(op).some((parameter) => creatorsOf(operations, parameter.collection).length > 0);
}

/**
 * Logins first; then reads (listings before the items they list); then creations; then
 * what addresses a created item (reads, updates); deletions last. Without writes, reads of an
 * item use an id a listing returned.
 */
function phase(op: OperationInfo, profile: AuthProfile, operations: readonly OperationInfo[], writes: boolean): number {
  if (isLogin(op, profile)) return 0;
  const byCreatedId = writes && needsCreatedItem(op, operations);
  if (SAFE_METHODS.has(op.method)) return byCreatedId ? 3 : 1;
  if (op.method === "delete") return 5;
  return op.method === "post" && !byCreatedId ? 2 : 4;
}

/** The operations verify will visit, in the order it visits them. */
export function plannedOperations(spec: BundledSpec, apiName: string, writes = false): OperationInfo[] {
  const profile = authProfile(apiName);
  const operations = listOperations(spec);
  return operations
    .map((op, index) => ({ op, index, phase: phase(op, profile, operations, writes), depth: itemParameters(op).length }))
    .sort((a, b) => a.phase - b.phase || a.depth - b.depth || a.index - b.index)
    .map(({ op }) => op);
}

// --- one request case -------------------------------------------------------------------------

/** Picks the headers of the first security requirement that the session can fully meet. */
export function sessionAuthHeaders(spec: BundledSpec, op: OperationInfo, session: Session): Record<string, string> | undefined {
  const schemes = securitySchemes(spec);
  for (const names of securityRequirements(spec, op)) {
    if (names.length === 0 || !names.every((name) => session.has(name))) continue;
    const headers: Record<string, string> = {};
    for (const name of names) headers[credentialHeader(schemes[name])] = session.get(name)!;
    return headers;
  }
  return undefined;
}

/** A request ready to send, or the reason it cannot be sent. */
export type Built =
  | {
      readonly url: string;
      readonly init: RequestInit;
      readonly ids: string[];
      /** True when the operation needs credentials and only the spec's placeholders could be sent. */
      readonly placeholders: boolean;
    }
  | { readonly skip: string };

/** The example value of each path parameter, read back from the example request's path. */
export function examplePathValues(op: OperationInfo, examplePath: string): Map<string, string> {
  const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const pattern = new RegExp(`^${op.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "([^/?]+)")}(?:\\?.*)?$`);
  const values = pattern.exec(examplePath)?.slice(1) ?? [];
  return new Map(names.map((name, index) => [name, values[index] ?? ""]));
}

/**
 * Fills the path with the ids learned so far: the created item's for calls that change state
 * (never a listed one: verify deletes only what it created), a created or listed one for reads,
 * and the spec's example where the spec offers no way to learn one.
 */
function fillPath(ctx: RunContext, op: OperationInfo, examplePath: string): { path: string; ids: string[] } | { skip: string } {
  const values = examplePathValues(op, examplePath);
  const ids: string[] = [];
  const createdOnly = changesState(op, ctx.profile);
  for (const parameter of itemParameters(op)) {
    const known = ctx.ids.get(parameter.collection, createdOnly);
    const creators = creatorsOf(ctx.operations, parameter.collection).map((creator) => creator.operationId);
    if (known && "empty" in known) return { skip: `no ${parameter.name} to use: ${known.empty}${creators.length > 0 ? " (pass --writes to create one)" : ""}` };
    if (!known && creators.length > 0 && (createdOnly || ctx.writes)) {
      return { skip: `needs the ${parameter.name} that ${creators.join(" or ")} returns, and none came back` };
    }
    if (known) {
      values.set(parameter.name, encodeURIComponent(known.value));
      ids.push(`${parameter.name} ${known.source}`);
    }
  }
  const path = op.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => values.get(name) ?? "");
  const query = examplePath.indexOf("?");
  return { path: query < 0 ? path : `${path}${examplePath.slice(query)}`, ids };
}

export function joinUrl(target: URL, path: string): string {
  return `${target.origin}${target.pathname.replace(/\/+$/, "")}${path}`;
}

/** The example request of an operation, with the session's credentials and the ids learned so far. */
export function buildRequest(ctx: RunContext, op: OperationInfo): Built {
  const request = exampleRequest(ctx.spec, op);
  const filled = fillPath(ctx, op, request.path);
  if ("skip" in filled) return filled;
  const headers = { ...request.headers };
  const real = sessionAuthHeaders(ctx.spec, op, ctx.session);
  if (real) {
    for (const name of Object.keys(exampleCredentials(ctx.spec, op))) delete headers[name];
    Object.assign(headers, real);
  }
  let body = request.body;
  if (isLogin(op, ctx.profile) && ctx.profile.loginBody && body !== undefined && request.mediaType?.includes("json")) {
    body = JSON.stringify(ctx.profile.loginBody(op.operationId, ctx.credentials, JSON.parse(body)));
  }
  const init: RequestInit = { method: op.method.toUpperCase(), headers, redirect: "manual", signal: AbortSignal.timeout(ctx.timeoutMs) };
  if (body !== undefined) init.body = body;
  const placeholders = !real && Object.keys(exampleCredentials(ctx.spec, op)).length > 0;
  return { url: joinUrl(ctx.target, filled.path), init, ids: filled.ids, placeholders };
}

export interface Answer {
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

/** What became of a request that got no answer. */
export interface NoAnswer {
  readonly problem: string;
  /** The system's error code, e.g. ECONNREFUSED, when there is one. */
  readonly code?: string;
}

/** Sends one request; an answer, or why none came. */
export async function send(url: string, init: RequestInit, method: string, timeoutMs: number): Promise<Answer | NoAnswer> {
  try {
    return await readAnswer(await fetch(url, init), method);
  } catch (error) {
    if (error instanceof DOMException && error.name === "TimeoutError") return { problem: `no answer within ${timeoutMs} ms` };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const code = cause?.code;
    if (code === "ECONNREFUSED") return { problem: "connection refused (ECONNREFUSED)", code };
    return { problem: `request failed: ${code ?? cause?.message ?? (error as Error).message ?? String(error)}`, ...(code ? { code } : {}) };
  }
}

/** The statuses an operation is expected to answer: its documented 2xx, and those the caller allows. */
export function expectedStatuses(validator: SpecValidator, operationId: string, allowed: readonly AllowedStatus[]): Set<string> {
  const documented = validator.documentedStatuses(operationId);
  const success = documented.filter((status) => /^2(\d\d|XX)$/i.test(status));
  const expected = new Set(success.length > 0 ? success : documented);
  for (const entry of allowed) if (entry.operationId === undefined || entry.operationId === operationId) expected.add(String(entry.status));
  return expected;
}

const answers = (expected: Set<string>, status: number): boolean => expected.has(String(status)) || expected.has(`${String(status)[0]}XX`);

/** The verdict on one answer: conformance to the spec first, then whether it is the answer expected. */
export function judge(ctx: RunContext, op: OperationInfo, answer: Answer, placeholders = false): { outcome: VerifyOutcome; problems: string[] } {
  // The conformance checks of `contract check`, save not_a_server_error: a documented 5xx is judged below, as an error answer.
  const problems = conformanceProblems(ctx.spec, ctx.validator, ctx.redactor, op, answer).all;
  const expected = expectedStatuses(ctx.validator, op.operationId, ctx.allowStatuses);
  if (answers(expected, answer.status)) return { outcome: problems.length === 0 ? "pass" : "fail", problems };
  // An undocumented status is already a problem; a documented one is judged against what was expected.
  if (!answers(new Set(ctx.validator.documentedStatuses(op.operationId)), answer.status)) return { outcome: "fail", problems };
  const allowHint = `(accept it with --allow-status ${op.operationId}=${answer.status})`;
  const refusal = REFUSALS[answer.status];
  if (refusal && problems.length === 0) {
    const which = !placeholders
      ? ""
      : hasRealCredentials(ctx.credentials)
        ? " (placeholders were sent: no credential given or obtained for its security schemes)"
        : " (no credentials given: placeholders were sent)";
    return { outcome: "inconclusive", problems: [`inconclusive: ${refusal}${which}, ${answer.status} ${allowHint}`] };
  }
  problems.push(`expected ${[...expected].join(" or ")}, got the documented error ${answer.status} ${allowHint}`);
  return { outcome: "fail", problems };
}

export const isSuccess = (status: number): boolean => status >= 200 && status < 300;

/** What a 2xx answer teaches the rest of the run: a login's token, a created or listed id. */
export function remember(ctx: RunContext, op: OperationInfo, answer: Answer): void {
  if (isLogin(op, ctx.profile) && ctx.profile.learn) ctx.redactor.add(...ctx.profile.learn(op.operationId, answer, ctx.session, ctx.credentials));
  if (isSuccess(answer.status)) ctx.ids.learn(op, answer.body);
}

/** One operation, end to end: skip it, or build, send, judge and remember. */
export async function verifyOperation(ctx: RunContext, op: OperationInfo): Promise<OperationResult> {
  const base = { operationId: op.operationId, method: op.method.toUpperCase(), path: op.path };
  if (changesState(op, ctx.profile) && !ctx.writes) return { ...base, outcome: "skip", problems: ["changes state: pass --writes to call it"], durationMs: 0 };
  if (isLogin(op, ctx.profile) && hasRealCredentials(ctx.credentials) && ctx.profile.loginCredentialsGiven?.(op.operationId, ctx.credentials) === false) {
    // Real credentials were given, but not the ones this login sends: placeholders would only be refused.
    return { ...base, outcome: "skip", problems: ["logs in with credentials that were not given"], durationMs: 0 };
  }
  const built = buildRequest(ctx, op);
  if ("skip" in built) return { ...base, outcome: "skip", problems: [built.skip], durationMs: 0 };
  const started = Date.now();
  const answer = await send(built.url, built.init, op.method, ctx.timeoutMs);
  const ids = built.ids.length > 0 ? { ids: built.ids } : {};
  if (!("status" in answer)) return { ...base, ...ids, outcome: "error", problems: [answer.problem], durationMs: Date.now() - started };
  remember(ctx, op, answer);
  const verdict = judge(ctx, op, answer, built.placeholders);
  if (isLogin(op, ctx.profile) && !isSuccess(answer.status) && ctx.profile.loginCredentialsGiven?.(op.operationId, ctx.credentials)) {
    verdict.problems.push(`the login with the given credentials answered ${answer.status}; later calls go without them`);
  }
  const excerpt = verdict.outcome === "pass" ? undefined : bodyExcerpt(answer.body, ctx.redactor);
  return {
    ...base,
    ...ids,
    status: answer.status,
    ...verdict,
    ...(excerpt === undefined ? {} : { excerpt }),
    durationMs: Date.now() - started,
  };
}

// --- the run ----------------------------------------------------------------------------------

/** Refuses, before anything is sent, secrets too short to mask. */
function checkSecrets(credentials: Credentials): void {
  const short = tooShortSecrets(credentials);
  if (short.length > 0) {
    throw new UsageError(`${short.join(", ")} ${short.length === 1 ? "is" : "are"} shorter than ${MIN_SECRET_LENGTH} characters: too short to keep out of the output`);
  }
}

/** The shared state of one run, from the options: checked credentials and target, session, validator. */
export function createRunContext(options: VerifyOptions): RunContext {
  const credentials = options.credentials ?? {};
  checkSecrets(credentials);
  const target = checkTarget(options.target, hasRealCredentials(credentials));
  const { spec, api } = options;
  const redactor = options.redactor ?? new SecretRedactor();
  redactor.add(credentials.bearer, credentials.apiToken, credentials.accessKey, credentials.password);
  const profile = authProfile(api.name);
  const session = profile.initialSession(credentials, spec);
  redactor.add(...session.values());
  const operations = listOperations(spec);
  return {
    spec,
    operations,
    profile,
    credentials,
    session,
    target,
    validator: options.validator ?? createSpecValidator(spec),
    redactor,
    ids: new ResourceIds(operations),
    writes: options.writes ?? false,
    allowStatuses: options.allowStatuses ?? [],
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}

/**
 * Notes said once for the run: a refused connection means nothing listens at the target;
 * inconclusive calls mean the credentials (or the rate) kept the run from verifying them.
 */
function runNotes(results: readonly OperationResult[], target: string): string[] {
  const notes: string[] = [];
  if (results.some((result) => result.outcome === "error" && result.problems.some((problem) => problem.includes("ECONNREFUSED")))) {
    notes.push(`nothing accepted a connection at ${target}: is the server up?`);
  }
  const inconclusive = results.filter((result) => result.outcome === "inconclusive").length;
  if (inconclusive > 0) {
    notes.push(
      `${inconclusive} call(s) inconclusive: the server refused the credentials or rate-limited the calls, so they verified nothing; ` +
        "check the credentials (expired?), or accept the status with --allow-status",
    );
  }
  return notes;
}

/** Calls the operations of one API against a running server and checks each answer against the spec. */
export async function verifyProvider(options: VerifyOptions): Promise<VerifyReport> {
  const ctx = createRunContext(options);
  const started = Date.now();
  const results: OperationResult[] = [];
  for (const op of plannedOperations(ctx.spec, options.api.name, ctx.writes)) results.push(await verifyOperation(ctx, op));
  const count = (outcome: VerifyOutcome) => results.filter((result) => result.outcome === outcome).length;
  return {
    api: options.api.name,
    target: options.target,
    results,
    passed: count("pass"),
    failed: count("fail"),
    errors: count("error"),
    inconclusive: count("inconclusive"),
    skipped: count("skip"),
    notes: runNotes(results, options.target),
    durationMs: Date.now() - started,
  };
}
