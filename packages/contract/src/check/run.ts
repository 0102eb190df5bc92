/**
 * `contract check`: named checks that look for the bugs servers really have. One run shares
 * verify's steps (`createRunContext`, `buildRequest`, `send`, `remember`) and its conformance
 * judgement, and sends, in this order: the spec's example of each operation (verify's plan),
 * schema-satisfying variants, schema-breaking requests, requests without or with wrong
 * credentials, undocumented methods, and the sequences the spec's `links` describe. Every
 * answer to a documented operation is judged by the five conformance checks as well as by the
 * check that sent it. Cases come from fast-check with a seed, so a run can be replayed; the run
 * stops at a request budget and a deadline.
 */
import { exampleCredentials, exampleRequest, type OperationInfo } from "@openregions/apis";
import { CONFORMANCE_CHECKS, conformanceProblems, type ConformanceCheck } from "../conformance.js";
import { hasRealCredentials } from "../credentials.js";
import { invalidRequestsFor, type InvalidRequest } from "../generate/invalid-requests.js";
import { uniqueBody, validVariantsFor } from "../generate/valid-requests.js";
import { bodyExcerpt } from "../masking.js";
import { creatorsOf, idOf, itemNames, itemParameters } from "../resource-ids.js";
import {
  buildRequest,
  changesState,
  createRunContext,
  examplePathValues,
  isLogin,
  isSuccess,
  joinUrl,
  plannedOperations,
  remember,
  send,
  sessionAuthHeaders,
  type Answer,
  type RunContext,
  type RunSummary,
  type VerifyOptions,
} from "../verify.js";
import { CHECKS, type CheckName } from "./checks.js";
import { curlLine } from "./curl.js";
import { evaluate, linksOf, parameterLocation, type SpecLink } from "./links.js";
import fc from "fast-check";

export const DEFAULT_MAX_REQUESTS = 1000;
export const DEFAULT_MAX_TIME_MS = 300_000;
export const DEFAULT_CASES = 10;

export type CheckOutcome = "pass" | "fail" | "error" | "inconclusive" | "skip";

export interface CheckOptions extends VerifyOptions {
  /** The checks to run (default: all). */
  readonly checks?: readonly CheckName[];
  /** Requests the whole run may send (default DEFAULT_MAX_REQUESTS). */
  readonly maxRequests?: number;
  /** Wall-clock budget of the run, milliseconds (default DEFAULT_MAX_TIME_MS). */
  readonly maxTimeMs?: number;
  /** Generated cases per check and operation (default DEFAULT_CASES). */
  readonly cases?: number;
  /** The seed of every generated case; random when absent (the report gives it). */
  readonly seed?: number;
}

/** One check on one operation (or one path, for unsupported_method). */
export interface CheckRow {
  readonly check: CheckName;
  /** The operationId, or the path for unsupported_method. */
  readonly subject: string;
  /** "GET /v1/keys", or "* /v3/regions". */
  readonly where: string;
  readonly requests: number;
  readonly outcome: CheckOutcome;
  /** Why it did not pass (the first failing case's problems); text from the server is masked. */
  readonly problems: readonly string[];
  /** The failing case: what it was, and the curl line that replays it (credentials masked). */
  readonly case?: string;
  readonly reproduce?: string;
  readonly status?: number;
  readonly excerpt?: string;
  /** How many of the row's cases failed. */
  readonly failedCases: number;
}

export interface CheckReport extends RunSummary {
  readonly seed: number;
  readonly checks: readonly CheckName[];
  readonly rows: readonly CheckRow[];
  readonly requests: number;
}

/** One request a check sends. */
interface Case {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
  /** What the case is, in words, e.g. "/key/content left out (required)". */
  readonly reason: string;
}

type Verdict = { readonly outcome: "pass" } | { readonly outcome: "fail" | "inconclusive"; readonly problems: readonly string[] };

class RowState {
  requests = 0;
  passed = 0;
  failed = 0;
  errors = 0;
  inconclusive = 0;
  skipReason: string | undefined;
  first: Omit<CheckRow, "check" | "subject" | "where" | "requests" | "outcome" | "failedCases"> | undefined;
  firstOther: readonly string[] | undefined;
}

const fnv1a = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return hash | 0;
};

const REFUSED_AS_INVALID = new Set([400, 415, 422]);
const CREDENTIALS_REFUSED = new Set([401, 403]);
const NOT_JUDGED = new Set([401, 403, 429]);

const withQuery = (url: string, values: Readonly<Record<string, string>>): string => {
  const parsed = new URL(url);
  for (const [name, value] of Object.entries(values)) parsed.searchParams.set(name, value);
  return parsed.href;
};

class CheckRun {
  readonly ctx: RunContext;
  readonly selected: ReadonlySet<CheckName>;
  readonly seed: number;
  readonly cases: number;
  readonly maxRequests: number;
  readonly deadline: number;
  readonly rows = new Map<string, { check: CheckName; subject: string; where: string; state: RowState }>();
  readonly notes: string[] = [];
  requests = 0;
  stopped: string | undefined;
  readonly leftBehind = new Map<string, number>();
  readonly apiName: string;
  creations = 0;

  constructor(options: CheckOptions) {
    this.apiName = options.api.name;
    this.ctx = createRunContext({ ...options, writes: options.writes ?? false });
    this.selected = new Set(options.checks ?? CHECKS);
    this.seed = options.seed ?? (Math.random() * 2 ** 31) | 0;
    this.cases = options.cases ?? DEFAULT_CASES;
    this.maxRequests = options.maxRequests ?? DEFAULT_MAX_REQUESTS;
    this.deadline = Date.now() + (options.maxTimeMs ?? DEFAULT_MAX_TIME_MS);
  }

  row(check: CheckName, subject: string, where: string): RowState {
    const key = `${check}\u0000${subject}`;
    let found = this.rows.get(key);
    if (!found) {
      found = { check, subject, where, state: new RowState() };
      this.rows.set(key, found);
    }
    return found.state;
  }

  opRow(check: CheckName, op: OperationInfo): RowState {
    return this.row(check, op.operationId, `${op.method.toUpperCase()} ${op.path}`);
  }

  skip(check: CheckName, op: OperationInfo, reason: string): void {
    if (!this.selected.has(check)) return;
    const state = this.opRow(check, op);
    state.skipReason ??= reason;
  }

  /** A seed of its own for each check and subject, so that choosing other --checks leaves the cases alone. */
  seedFor(check: CheckName, subject: string): number {
    return fnv1a(`${this.seed}:${check}:${subject}`);
  }

  secretHeaderValues(): Set<string> {
    return new Set(this.ctx.session.values());
  }

  reproduce(request: Case): string {
    return curlLine(request, this.secretHeaderValues(), this.ctx.redactor);
  }

  record(state: RowState, request: Case, answer: Answer | undefined, verdict: Verdict | { outcome: "error"; problems: readonly string[] }): void {
    state.requests++;
    if (verdict.outcome === "pass") {
      state.passed++;
      return;
    }
    if (verdict.outcome === "fail") state.failed++;
    else if (verdict.outcome === "error") state.errors++;
    else state.inconclusive++;
    if (verdict.outcome === "fail" && !state.first) {
      const excerpt = answer ? bodyExcerpt(answer.body, this.ctx.redactor) : undefined;
      state.first = {
        problems: verdict.problems,
        case: request.reason,
        reproduce: this.reproduce(request),
        ...(answer ? { status: answer.status } : {}),
        ...(excerpt === undefined ? {} : { excerpt }),
      };
    }
    state.firstOther ??= verdict.problems;
  }

  /**
   * Sends one case (within the budget) and judges the answer to a documented operation by the
   * conformance checks; returns the answer, or undefined when the budget is spent or no answer came.
   */
  async exchange(check: CheckName | undefined, op: OperationInfo | undefined, request: Case): Promise<Answer | undefined> {
    if (this.stopped) return undefined;
    if (this.requests >= this.maxRequests) this.stopped = `the request budget (${this.maxRequests}) was spent`;
    else if (Date.now() >= this.deadline) this.stopped = "the time budget was spent";
    if (this.stopped) return undefined;
    this.requests++;
    const init: RequestInit = { method: request.method, headers: request.headers, redirect: "manual", signal: AbortSignal.timeout(this.ctx.timeoutMs) };
    if (request.body !== undefined) init.body = request.body;
    const answer = await send(request.url, init, request.method.toLowerCase(), this.ctx.timeoutMs);
    if (!("status" in answer)) {
      if (check && this.selected.has(check)) this.record(op ? this.opRow(check, op) : this.row(check, "?", "?"), request, undefined, { outcome: "error", problems: [answer.problem] });
      if (answer.code === "ECONNREFUSED") this.stopped = `nothing accepted a connection at ${this.ctx.target.href}: is the server up?`;
      return undefined;
    }
    if (op) {
      const { byCheck } = conformanceProblems(this.ctx.spec, this.ctx.validator, this.ctx.redactor, op, answer);
      for (const name of CONFORMANCE_CHECKS) {
        if (!this.selected.has(name)) continue;
        const problems = byCheck[name as ConformanceCheck];
        this.record(this.opRow(name, op), request, answer, problems.length === 0 ? { outcome: "pass" } : { outcome: "fail", problems });
      }
    }
    return answer;
  }

  /** Sends a case for `check` and records `judge`'s verdict on its row. */
  async probe(check: CheckName, op: OperationInfo, request: Case, judgeAnswer: (answer: Answer) => Verdict, answering: OperationInfo = op): Promise<Answer | undefined> {
    const answer = await this.exchange(check, answering, request);
    if (answer && this.selected.has(check)) this.record(this.opRow(check, op), request, answer, judgeAnswer(answer));
    return answer;
  }

  /** The example request of an operation as a case (verify's buildRequest), or why it cannot be sent. */
  exampleCase(op: OperationInfo): { case: Case; placeholders: boolean } | { skip: string } {
    if (changesState(op, this.ctx.profile) && !this.ctx.writes) return { skip: "changes state: pass --writes to call it" };
    if (
      isLogin(op, this.ctx.profile) &&
      hasRealCredentials(this.ctx.credentials) &&
      this.ctx.profile.loginCredentialsGiven?.(op.operationId, this.ctx.credentials) === false
    ) {
      return { skip: "logs in with credentials that were not given" };
    }
    const built = buildRequest(this.ctx, op);
    if ("skip" in built) return built;
    const headers = { ...(built.init.headers as Record<string, string>) };
    const body = typeof built.init.body === "string" ? built.init.body : undefined;
    if (body !== undefined && op.method === "post" && creatorsOf(this.ctx.operations, op.path).length > 0 && !isLogin(op, this.ctx.profile)) {
      // A server refuses a second item with the same name or key: each creation gets text of its own.
      const unique = uniqueBody(this.ctx.spec, this.ctx.validator, op, body, `${fnv1a(`${this.seed}:${this.creations++}`) >>> 0}`);
      if (unique !== undefined) return { case: { method: "POST", url: built.url, headers, body: unique.body, reason: `the spec's example, made unique (${unique.changes})` }, placeholders: built.placeholders };
    }
    return { case: { method: op.method.toUpperCase(), url: built.url, headers, ...(body === undefined ? {} : { body }), reason: "the spec's example" }, placeholders: built.placeholders };
  }

  /** Deletes what a 2xx creation made, when the spec has a delete for its items; counts what stays behind. */
  async cleanUp(op: OperationInfo, answer: Answer): Promise<void> {
    if (op.method !== "post" || isLogin(op, this.ctx.profile) || !isSuccess(answer.status) || creatorsOf(this.ctx.operations, op.path).length === 0) return;
    const remover = this.ctx.operations.find((candidate) => candidate.method === "delete" && itemParameters(candidate).at(-1)?.collection === op.path && itemParameters(candidate).length === 1);
    const id = idOf(answer.body, itemNames(this.ctx.operations, op.path));
    if (!remover || id === undefined) {
      this.leftBehind.set(op.operationId, (this.leftBehind.get(op.operationId) ?? 0) + 1);
      return;
    }
    const base = this.exampleCase(remover);
    if ("skip" in base) return;
    const url = joinUrl(this.ctx.target, remover.path.replace(/\{[^}]+\}/, encodeURIComponent(id)));
    await this.exchange(undefined, remover, { ...base.case, url, reason: `clean-up of what ${op.operationId} created` });
  }
}

// --- the phases -------------------------------------------------------------------------------

function positiveVerdict(answer: Answer): Verdict {
  if (REFUSED_AS_INVALID.has(answer.status)) return { outcome: "fail", problems: [`a request that satisfies the schema was refused as invalid: ${answer.status}`] };
  if (NOT_JUDGED.has(answer.status)) return { outcome: "inconclusive", problems: [`the server refused the credentials or the rate (${answer.status})`] };
  return { outcome: "pass" };
}

/** The spec's examples, in verify's order: logins teach the session, listings and creations the ids. */
async function examplePhase(run: CheckRun): Promise<void> {
  for (const op of plannedOperations(run.ctx.spec, run.apiName, run.ctx.writes)) {
    const example = run.exampleCase(op);
    if ("skip" in example) {
      run.skip("positive_data_acceptance", op, example.skip);
      continue;
    }
    const answer = await run.probe("positive_data_acceptance", op, example.case, positiveVerdict);
    if (!answer) continue;
    remember(run.ctx, op, answer);
    if (isLogin(op, run.ctx.profile) && !isSuccess(answer.status) && run.ctx.profile.loginCredentialsGiven?.(op.operationId, run.ctx.credentials)) {
      run.notes.push(`the login ${op.operationId} with the given credentials answered ${answer.status}; later calls go without them`);
    }
  }
}

/** Schema-satisfying variants of each example: optional query parameters, optional fields left out, odd but valid text. */
async function positivePhase(run: CheckRun): Promise<void> {
  if (!run.selected.has("positive_data_acceptance")) return;
  for (const op of run.ctx.operations) {
    if (op.method === "delete") continue;
    const example = run.exampleCase(op);
    if ("skip" in example) continue;
    const variants = validVariantsFor(run.ctx.spec, run.ctx.validator, op, example.case, !isLogin(op, run.ctx.profile));
    if (!variants) continue;
    const seen = new Set<string>();
    for (const variant of fc.sample(variants, { seed: run.seedFor("positive_data_acceptance", op.operationId), numRuns: run.cases })) {
      if (seen.has(variant.reason)) continue;
      seen.add(variant.reason);
      const request: Case = {
        ...example.case,
        url: withQuery(example.case.url, variant.query),
        ...(variant.body === undefined ? {} : { body: variant.body }),
        reason: `valid: ${variant.reason}`,
      };
      const answer = await run.probe("positive_data_acceptance", op, request, positiveVerdict);
      if (answer) await run.cleanUp(op, answer);
    }
  }
}

/** Requests that break the schema: generated bad bodies and bad query values get a documented 4xx. */
async function negativePhase(run: CheckRun): Promise<void> {
  if (!run.selected.has("negative_data_rejection")) return;
  for (const op of run.ctx.operations) {
    // Missing credentials are ignored_auth's, malformed JSON is not a schema case: bad bodies and bad query values only.
    const generators = invalidRequestsFor(run.ctx.spec, run.ctx.validator, op).filter((arbitrary) => {
      const kind = fc.sample(arbitrary, { seed: 1, numRuns: 1 })[0]!.kind;
      return kind === "bad-body" || kind === "bad-query";
    });
    if (generators.length === 0) continue;
    const example = run.exampleCase(op);
    if ("skip" in example) {
      run.skip("negative_data_rejection", op, example.skip);
      continue;
    }
    const samples: InvalidRequest[] = fc.sample(fc.oneof(...generators), { seed: run.seedFor("negative_data_rejection", op.operationId), numRuns: run.cases });
    const documented = new Set(run.ctx.validator.documentedStatuses(op.operationId));
    const seen = new Set<string>();
    for (const invalid of samples) {
      const key = `${invalid.path} ${invalid.body ?? ""}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const search = invalid.path.includes("?") ? invalid.path.slice(invalid.path.indexOf("?")) : "";
      const url = invalid.kind === "bad-query" ? `${example.case.url.split("?")[0]}${search}` : example.case.url;
      const headers = invalid.kind === "bad-body" ? { ...example.case.headers, "Content-Type": "application/json" } : example.case.headers;
      const request: Case = {
        method: example.case.method,
        url,
        headers,
        ...(invalid.kind === "bad-body" ? { body: invalid.body! } : example.case.body === undefined ? {} : { body: example.case.body }),
        reason: `invalid: ${invalid.reason}`,
      };
      const answer = await run.probe("negative_data_rejection", op, request, (got): Verdict => {
        if (NOT_JUDGED.has(got.status)) return { outcome: "inconclusive", problems: [`the server refused the credentials or the rate (${got.status})`] };
        if (got.status >= 400 && got.status < 500 && (documented.has(String(got.status)) || documented.has("4XX"))) return { outcome: "pass" };
        if (isSuccess(got.status)) return { outcome: "fail", problems: [`accepted a request its schema forbids (${invalid.reason}): ${got.status}`] };
        return { outcome: "fail", problems: [`answered ${got.status} to a request its schema forbids (${invalid.reason}), not a documented 4xx`] };
      });
      if (answer) await run.cleanUp(op, answer);
    }
  }
}

interface SecurityScheme {
  readonly type?: string;
  readonly scheme?: string;
  readonly in?: string;
  readonly name?: string;
}

/** Wrong credentials in each scheme's own form: a bearer, Basic, or an API key nobody issued. */
function wrongCredential(scheme: SecurityScheme, seed: number): [string, string] {
  const random = fc.sample(fc.stringMatching(/^[0-9a-f]{40}$/), { seed, numRuns: 1 })[0]!;
  if (scheme.type === "http" && scheme.scheme?.toLowerCase() === "basic") return ["Authorization", `Basic ${Buffer.from(`openregions-check:${random}`).toString("base64")}`];
  if (scheme.type === "http") return ["Authorization", `Bearer ${random}`];
  return [scheme.in === "header" && scheme.name ? scheme.name : "Authorization", random];
}

/** Every secured operation without credentials and with wrong ones: 401 or 403. */
async function ignoredAuthPhase(run: CheckRun): Promise<void> {
  if (!run.selected.has("ignored_auth")) return;
  const { spec } = run.ctx;
  const schemes = (spec.components?.["securitySchemes"] ?? {}) as Record<string, SecurityScheme>;
  const headerOf = (scheme: SecurityScheme | undefined) => (scheme?.type === "apiKey" && scheme.in === "header" && scheme.name ? scheme.name : "Authorization");
  for (const op of run.ctx.operations) {
    const requirements = (op.operation["security"] ?? spec["security"] ?? []) as Array<Record<string, string[]>>;
    const secured = requirements.filter((requirement) => Object.keys(requirement).length > 0);
    if (secured.length === 0) continue;
    const anonymousAllowed = secured.length < requirements.length;
    const documented = run.ctx.validator.documentedStatuses(op.operationId);
    if (anonymousAllowed && !documented.includes("401") && !documented.includes("403")) continue;
    if (changesState(op, run.ctx.profile) && !run.ctx.writes) {
      run.skip("ignored_auth", op, "changes state: pass --writes to call it");
      continue;
    }
    const example = run.exampleCase(op);
    let base: Case;
    if ("skip" in example) {
      // No id learned: the spec's example path will do, the credentials are refused before it matters.
      const request = exampleRequest(spec, op);
      base = { method: op.method.toUpperCase(), url: joinUrl(run.ctx.target, request.path), headers: { ...request.headers }, ...(request.body === undefined ? {} : { body: request.body }), reason: "" };
    } else base = example.case;
    const credentialHeaders = new Set(secured.flatMap((requirement) => Object.keys(requirement).map((name) => headerOf(schemes[name]).toLowerCase())));
    const stripped = Object.fromEntries(Object.entries(base.headers).filter(([name]) => !credentialHeaders.has(name.toLowerCase())));
    const cases: Case[] = [];
    if (!anonymousAllowed) cases.push({ ...base, headers: stripped, reason: "no credentials" });
    const wrong = Object.fromEntries(Object.keys(secured[0]!).map((name) => wrongCredential(schemes[name] ?? {}, run.seedFor("ignored_auth", `${op.operationId}:${name}`))));
    cases.push({ ...base, headers: { ...stripped, ...wrong }, reason: `wrong credentials (${Object.keys(secured[0]!).join(" + ")})` });
    for (const request of cases) {
      const answer = await run.probe("ignored_auth", op, request, (got): Verdict => {
        if (CREDENTIALS_REFUSED.has(got.status)) return { outcome: "pass" };
        if (isSuccess(got.status)) return { outcome: "fail", problems: [`answered ${got.status} with ${request.reason}`] };
        return { outcome: "fail", problems: [`answered ${got.status} with ${request.reason}, expected 401 or 403`] };
      });
      if (answer) await run.cleanUp(op, answer);
    }
  }
}

const COLLECTION_METHODS = ["put", "patch", "delete"] as const;
const ITEM_METHODS_SAFE = ["patch", "delete"] as const;
const ITEM_METHODS_WRITES = ["post", "put", "patch", "delete"] as const;

/** Where the spec documents 405 for a path: each method the path does not document gets a 405. */
async function unsupportedMethodPhase(run: CheckRun): Promise<void> {
  if (!run.selected.has("unsupported_method")) return;
  const byPath = new Map<string, OperationInfo[]>();
  for (const op of run.ctx.operations) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op]);
  let any = false;
  for (const [path, operations] of byPath) {
    const documenting = operations.find((op) => run.ctx.validator.documentedStatuses(op.operationId).includes("405"));
    if (!documenting) continue;
    any = true;
    const state = run.row("unsupported_method", path, `* ${path}`);
    const isItem = itemParameters({ path }).length > 0;
    const candidates = isItem ? (run.ctx.writes ? ITEM_METHODS_WRITES : ITEM_METHODS_SAFE) : run.ctx.writes ? COLLECTION_METHODS : [];
    const methods = candidates.filter((method) => !operations.some((op) => op.method === method));
    if (methods.length === 0) {
      state.skipReason = isItem ? "every method tried is documented" : "on a collection path only with --writes (PUT, PATCH, DELETE)";
      continue;
    }
    const madeUp = fc.sample(fc.stringMatching(/^[0-9a-f]{12}$/), { seed: run.seedFor("unsupported_method", path), numRuns: 1 })[0]!;
    const url = joinUrl(run.ctx.target, path.replace(/\{[^}]+\}/g, `openregions-check-${madeUp}`));
    const auth = sessionAuthHeaders(run.ctx.spec, documenting, run.ctx.session) ?? exampleCredentials(run.ctx.spec, documenting);
    for (const method of methods) {
      const request: Case = { method: method.toUpperCase(), url, headers: { Accept: "application/json", ...auth }, reason: `${method.toUpperCase()}, which ${path} does not document` };
      const answer = await run.exchange("unsupported_method", undefined, request);
      if (!answer) continue;
      let verdict: Verdict;
      if (answer.status !== 405) verdict = { outcome: "fail", problems: [`${request.method} ${path} answered ${answer.status} where 405 belongs`] };
      else {
        const problems = [
          ...(answer.parseProblem ? [answer.parseProblem] : []),
          ...run.ctx.validator.checkResponse(documenting.operationId, 405, answer.headers.get("content-type"), answer.body).problems,
        ];
        verdict = problems.length === 0 ? { outcome: "pass" } : { outcome: "fail", problems: problems.map((problem) => `the 405 is not in the documented shape: ${problem}`) };
      }
      run.record(state, request, answer, verdict);
    }
  }
  if (!any) {
    const state = run.row("unsupported_method", "(every path)", "-");
    state.skipReason = "the spec documents no 405 for any path";
  }
}

/** The request a link leads to: the target's example (or verify's request), with the link's values in place. */
function linkedCase(run: CheckRun, link: SpecLink, answer: Answer, carried: Record<string, string>): Case | { missing: string } {
  const target = link.target;
  const example = run.exampleCase(target);
  let base: Case;
  if ("skip" in example) {
    const request = exampleRequest(run.ctx.spec, target);
    const headers = { ...request.headers };
    const real = sessionAuthHeaders(run.ctx.spec, target, run.ctx.session);
    if (real) {
      for (const name of Object.keys(exampleCredentials(run.ctx.spec, target))) delete headers[name];
      Object.assign(headers, real);
    }
    base = { method: target.method.toUpperCase(), url: joinUrl(run.ctx.target, request.path), headers, ...(request.body === undefined ? {} : { body: request.body }), reason: "" };
  } else base = example.case;
  const url = new URL(base.url);
  const prefix = run.ctx.target.pathname.replace(/\/+$/, "");
  const values = examplePathValues(target, url.pathname.slice(prefix.length));
  const headers: Record<string, string> = { ...base.headers, ...carried };
  const query: Record<string, string> = {};
  for (const [key, expression] of Object.entries(link.parameters)) {
    const value = evaluate(expression, answer);
    if (value === undefined) return { missing: `link ${link.name}: ${String(expression)} is absent from the answer` };
    const location = parameterLocation(key, target);
    if (location.in === "path") values.set(location.name, encodeURIComponent(value));
    else if (location.in === "query") query[location.name] = value;
    else {
      for (const name of Object.keys(headers)) if (name.toLowerCase() === location.name.toLowerCase()) delete headers[name];
      headers[location.name] = value;
      carried[location.name] = value;
      if (String(expression).startsWith("$response.header.") && value.length >= 8) run.ctx.redactor.add(value);
    }
  }
  const path = target.path.replace(/\{([^}]+)\}/g, (_whole, name: string) => values.get(name) ?? "");
  return { ...base, url: withQuery(`${joinUrl(run.ctx.target, path)}${url.search}`, query), headers, reason: `link ${link.name} → ${target.operationId}` };
}

/**
 * The sequences of the spec's links: a creation (or login), then every operation its links
 * lead to (2xx expected; deeper links followed too), then its delete, then the linked
 * operations again (404 or 410 expected).
 */
async function linksPhase(run: CheckRun): Promise<void> {
  const wanted = run.selected.has("ensure_resource_availability") || run.selected.has("use_after_free");
  if (!wanted) return;
  for (const op of run.ctx.operations) {
    const links = linksOf(run.ctx.spec, run.ctx.operations, op);
    if (links.length === 0 || op.method !== "post") continue;
    const deletes = links.filter((link) => link.target.method === "delete");
    const uses = links.filter((link) => link.target.method !== "delete");
    const example = run.exampleCase(op);
    if ("skip" in example) {
      run.skip("ensure_resource_availability", op, example.skip);
      run.skip("use_after_free", op, example.skip);
      continue;
    }
    if (deletes.length === 0) run.skip("use_after_free", op, `no link of ${op.operationId}'s answer leads to a delete`);
    const created = await run.exchange(undefined, op, { ...example.case, reason: `${op.operationId}, the start of its links` });
    if (!created) continue;
    if (!isSuccess(created.status)) {
      run.skip("ensure_resource_availability", op, `${op.operationId} answered ${created.status}: nothing to follow`);
      run.skip("use_after_free", op, `${op.operationId} answered ${created.status}: nothing to follow`);
      continue;
    }
    const ensure = (request: Case, answer: Answer | undefined, problem: () => string | undefined) => {
      if (!answer || !run.selected.has("ensure_resource_availability")) return;
      const text = problem();
      run.record(run.opRow("ensure_resource_availability", op), request, answer, text === undefined ? { outcome: "pass" } : NOT_JUDGED.has(answer.status) ? { outcome: "inconclusive", problems: [text] } : { outcome: "fail", problems: [text] });
    };
    const carried: Record<string, string> = {};
    // Depth-first along the links, each operation once, deletes last.
    const visited = new Set<string>([op.operationId]);
    const follow = async (from: readonly SpecLink[], answer: Answer, depth: number): Promise<void> => {
      for (const link of from) {
        if (link.target.method === "delete" || visited.has(link.target.operationId) || depth > 3) continue;
        visited.add(link.target.operationId);
        const request = linkedCase(run, link, answer, carried);
        if ("missing" in request) {
          run.skip("ensure_resource_availability", op, request.missing);
          continue;
        }
        const got = await run.exchange("ensure_resource_availability", link.target, request);
        ensure(request, got, () => (got && !isSuccess(got.status) ? `${link.target.operationId}, which link ${link.name} leads to, answered ${got.status}` : undefined));
        if (got && isSuccess(got.status)) await follow(linksOf(run.ctx.spec, run.ctx.operations, link.target), got, depth + 1);
      }
    };
    await follow(uses, created, 1);
    const removal = deletes[0];
    if (!removal) {
      await run.cleanUp(op, created);
      continue;
    }
    const deleteRequest = linkedCase(run, removal, created, carried);
    if ("missing" in deleteRequest) {
      run.skip("use_after_free", op, deleteRequest.missing);
      continue;
    }
    const deleted = await run.exchange("ensure_resource_availability", removal.target, deleteRequest);
    ensure(deleteRequest, deleted, () => (deleted && !isSuccess(deleted.status) ? `the delete its link ${removal.name} leads to answered ${deleted.status}` : undefined));
    if (!deleted || !isSuccess(deleted.status)) {
      run.skip("use_after_free", op, "the delete did not succeed");
      continue;
    }
    for (const link of [...uses, removal]) {
      const request = linkedCase(run, link, created, { ...carried });
      if ("missing" in request) continue;
      await run.probe("use_after_free", op, { ...request, reason: `${request.reason}, after ${removal.target.operationId}` }, (answer): Verdict => {
        if (answer.status === 404 || answer.status === 410) return { outcome: "pass" };
        if (NOT_JUDGED.has(answer.status)) return { outcome: "inconclusive", problems: [`the server refused the credentials or the rate (${answer.status})`] };
        const served = isSuccess(answer.status) ? "still served after the delete" : "expected 404 or 410 after the delete";
        return { outcome: "fail", problems: [`${link.target.operationId} answered ${answer.status}: ${served}`] };
      }, link.target);
    }
  }
}

// --- the report -------------------------------------------------------------------------------

function outcomeOf(state: RowState): CheckOutcome {
  if (state.failed > 0) return "fail";
  if (state.errors > 0) return "error";
  if (state.passed > 0) return "pass";
  if (state.inconclusive > 0) return "inconclusive";
  return "skip";
}

function finish(run: CheckRun, apiName: string, target: string, started: number): CheckReport {
  const order = (check: CheckName) => CHECKS.indexOf(check);
  const operationOrder = (subject: string) => {
    const index = run.ctx.operations.findIndex((op) => op.operationId === subject || op.path === subject);
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  const rows: CheckRow[] = [...run.rows.values()]
    .filter(({ check }) => run.selected.has(check))
    .sort((a, b) => order(a.check) - order(b.check) || operationOrder(a.subject) - operationOrder(b.subject))
    .map(({ check, subject, where, state }) => {
      const outcome = outcomeOf(state);
      const problems = outcome === "fail" ? (state.first?.problems ?? []) : outcome === "skip" ? [state.skipReason ?? (run.stopped ? `not run: ${run.stopped}` : "nothing to send")] : outcome === "pass" ? [] : (state.firstOther ?? []);
      return {
        check,
        subject,
        where,
        requests: state.requests,
        outcome,
        problems,
        failedCases: state.failed,
        ...(outcome === "fail" && state.first ? { ...state.first, problems } : {}),
      };
    });
  const count = (outcome: CheckOutcome) => rows.filter((row) => row.outcome === outcome).length;
  const notes = [...run.notes];
  if (run.stopped) notes.push(`stopped early: ${run.stopped}; the checks after that point ran fewer cases (raise --max-requests or --max-time)`);
  for (const [operationId, times] of run.leftBehind) notes.push(`${operationId} created ${times} item(s) the spec offers no way to delete: they stay on the server`);
  const inconclusive = count("inconclusive");
  if (inconclusive > 0) notes.push(`${inconclusive} row(s) inconclusive: the server refused the credentials or rate-limited the calls; check the credentials`);
  return {
    api: apiName,
    target,
    seed: run.seed,
    checks: CHECKS.filter((check) => run.selected.has(check)),
    rows,
    requests: run.requests,
    passed: count("pass"),
    failed: count("fail"),
    errors: count("error"),
    inconclusive,
    skipped: count("skip"),
    notes,
    durationMs: Date.now() - started,
  };
}

/** Runs the named checks of one API against a running server. */
export async function runChecks(options: CheckOptions): Promise<CheckReport> {
  const run = new CheckRun(options);
  const started = Date.now();
  await examplePhase(run);
  await positivePhase(run);
  await negativePhase(run);
  await ignoredAuthPhase(run);
  await unsupportedMethodPhase(run);
  await linksPhase(run);
  return finish(run, options.api.name, options.target, started);
}
