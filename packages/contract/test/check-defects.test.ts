/**
 * `contract check` finds what it is named for: the sandbox behind a proxy that plants one
 * defect at a time (a schema-breaking body accepted, 200 without credentials, a key still
 * served after its delete, a 500 on odd valid input, 400 where 405 belongs, a wrong content
 * type, a missing required header, a body outside its schema, ...). Each defect is caught by
 * the check planted for it and by no other check; the failing row names the seed and a curl
 * line that replays the case with the credentials masked. Without a defect the same proxy
 * passes every check, so the proxy itself plants nothing.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSpecValidator, getApi, loadBundledSpec } from "@openregions/apis";
import { startSandbox, type RunningSandbox } from "@openregions/mock";
import { runChecks, type CheckName, type Credentials } from "../src/index.js";
import { cli, credentialFlags, sandboxCredentials } from "./check-support.js";
import { exampleAnswer } from "./fixtures/provider-server.js";
import { json, startDefectProxy, type Defect, type DefectProxy } from "./fixtures/defect-proxy.js";

const RESULTS = join(import.meta.dirname, "..", "test-results");
const SEED = 424242;
const pathOf = (url: string) => url.split("?")[0]!;
const queryOf = (url: string) => new URLSearchParams(url.split("?")[1] ?? "");

const scalingo = getApi("scalingo");
const scalingoSpec = loadBundledSpec(scalingo);
const scalingoValidator = createSpecValidator(scalingoSpec);
const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** Keys deleted through the proxy, with the body they had: served again by the use-after-free defect. */
const deletedKeys = new Map<string, string>();
/** Keys created through the proxy: hidden by the availability defect. */
const createdKeys = new Set<string>();

const SCALINGO_DEFECTS: ReadonlyArray<[CheckName, string, Defect]> = [
  [
    "not_a_server_error",
    "500 (with the documented error body) when an SCM integration's organisations list gets a valid per_page",
    async (request, forward) => {
      const perPage = Number(queryOf(request.url).get("per_page"));
      if (/^\/v1\/scm_integrations\/[^/]+\/orgs$/.test(pathOf(request.url)) && request.method === "GET" && Number.isInteger(perPage) && perPage >= 1) {
        return json(500, { error: "Internal error occured, we're on it!" });
      }
      return forward(request);
    },
  ],
  [
    "status_code_conformance",
    "getCurrentUser answers 203, a status it does not document",
    async (request, forward) => {
      const answer = await forward(request);
      return pathOf(request.url) === "/v1/users/self" && answer.status === 200 ? { ...answer, status: 203 } : answer;
    },
  ],
  [
    "content_type_conformance",
    "listRegions answers its JSON as text/plain",
    async (request, forward) => {
      const answer = await forward(request);
      return pathOf(request.url) === "/v1/regions" && answer.status === 200 ? { ...answer, headers: { ...answer.headers, "content-type": "text/plain" } } : answer;
    },
  ],
  [
    "response_schema_conformance",
    "listTokens leaves out each token's required created_at",
    async (request, forward) => {
      const answer = await forward(request);
      if (pathOf(request.url) !== "/v1/tokens" || request.method !== "GET" || answer.status !== 200) return answer;
      const body = JSON.parse(answer.body) as { tokens: Array<Record<string, unknown>> };
      for (const token of body.tokens) delete token["created_at"];
      return { ...answer, body: JSON.stringify(body) };
    },
  ],
  [
    "negative_data_rejection",
    "createKey answers 201 to a body its schema forbids",
    async (request, forward) => {
      if (pathOf(request.url) === "/v1/keys" && request.method === "POST") {
        const body = parseJson(request.body);
        if (body !== undefined && scalingoValidator.checkRequestBody("createKey", body).problems.length > 0) {
          // The documented example of a created key, under an id the sandbox does not hold.
          const created = exampleAnswer(scalingoSpec, scalingoValidator.operation("createKey")).body as { key: Record<string, unknown> };
          return json(201, { key: { ...created.key, id: "5ae1bb5b3de6ec000e5d0dff" } });
        }
      }
      return forward(request);
    },
  ],
  [
    "positive_data_acceptance",
    "createKey refuses a key name with the letters é, ü or 名, which the schema allows, with a documented 422",
    async (request, forward) => {
      if (pathOf(request.url) === "/v1/keys" && request.method === "POST" && /[éü名]/.test(request.body)) {
        return json(422, { errors: { name: ["is invalid"] } });
      }
      return forward(request);
    },
  ],
  [
    "ignored_auth",
    "getCurrentUser answers 200 without credentials (the proxy adds valid ones)",
    async (request, forward) => {
      const answer = await forward(request);
      if (pathOf(request.url) !== "/v1/users/self" || answer.status !== 401) return answer;
      return forward({ ...request, headers: { ...request.headers, ...sandboxAuth("getCurrentUser") } });
    },
  ],
  [
    "use_after_free",
    "a deleted key is still served",
    async (request, forward) => {
      const key = /^\/v1\/keys\/([^/]+)$/.exec(pathOf(request.url))?.[1];
      if (key && request.method === "DELETE") {
        const before = await forward({ ...request, method: "GET", body: "" });
        const answer = await forward(request);
        if (before.status === 200 && answer.status === 204) deletedKeys.set(key, before.body);
        return answer;
      }
      const answer = await forward(request);
      // Only what the sandbox answers 404 (after checking the credentials) is served again.
      if (key && request.method === "GET" && answer.status === 404 && deletedKeys.has(key)) return json(200, JSON.parse(deletedKeys.get(key)!));
      return answer;
    },
  ],
  [
    "ensure_resource_availability",
    "a key created a moment ago answers 404 when first read",
    async (request, forward) => {
      const answer = await forward(request);
      if (pathOf(request.url) === "/v1/keys" && request.method === "POST" && answer.status === 201) createdKeys.add((JSON.parse(answer.body) as { key: { id: string } }).key.id);
      const key = /^\/v1\/keys\/([^/]+)$/.exec(pathOf(request.url))?.[1];
      // Read too soon after its creation, as a lagging replica would: the first read only.
      if (key && request.method === "GET" && answer.status === 200 && createdKeys.delete(key)) return json(404, { resource: "key", error: "not found" });
      return answer;
    },
  ],
];

const HUAWEI_DEFECTS: ReadonlyArray<[CheckName, string, Defect]> = [
  [
    "response_headers_conformance",
    "the login answers 201 without its required X-Subject-Token header",
    async (request, forward) => {
      const answer = await forward(request);
      if (pathOf(request.url) !== "/v3/auth/tokens" || answer.status !== 201) return answer;
      const { "x-subject-token": _token, ...headers } = answer.headers;
      return { ...answer, headers };
    },
  ],
  [
    "unsupported_method",
    "an undocumented method on a region path answers 400 where 405 belongs",
    async (request, forward) => {
      // PUT is the one method neither region path documents
      if (pathOf(request.url).startsWith("/v3/regions") && request.method === "PUT") {
        return json(400, { error: { code: 400, title: "Bad Request", message: "The request you have made is malformed." } });
      }
      return forward(request);
    },
  ],
];

let sandboxAuth: (operationId: string) => Record<string, string> = () => ({});

/**
 * Back to the seed, then the credentials of the run. The Huawei token is a fresh login's, not the
 * spec's example token: the check's deleteToken sends the example X-Subject-Token, and revoking
 * the very token the run authenticates with would leave its later calls refused.
 */
async function freshRun(sandbox: RunningSandbox, withBearer: boolean): Promise<Credentials> {
  await fetch(`${sandbox.url}/__sandbox/reset`, { method: "POST" });
  const credentials = sandboxCredentials(sandbox);
  if (!withBearer) return credentials;
  const login = await fetch(`${sandbox.url}/v3/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ auth: { identity: { methods: ["password"], password: { user: { name: credentials.username, password: credentials.password, domain: { name: credentials.domain } } } }, scope: { project: { name: credentials.project } } } }),
  });
  expect(login.status).toBe(201);
  return { ...credentials, bearer: login.headers.get("x-subject-token")! };
}

async function expectCaught(sandbox: RunningSandbox, proxy: DefectProxy, withBearer: boolean, planted: CheckName, defect: Defect): Promise<void> {
  const credentials = await freshRun(sandbox, withBearer);
  proxy.plant(defect);
  const report = await runChecks({ api: getApi(sandbox.api.name), spec: loadBundledSpec(sandbox.api), target: proxy.url, credentials, writes: true, seed: SEED, cases: 6 });
  const failing = [...new Set(report.rows.filter((row) => row.outcome === "fail" || row.outcome === "error").map((row) => row.check))];
  expect(failing, JSON.stringify(report.rows.filter((row) => row.outcome !== "pass" && row.outcome !== "skip"), null, 1)).toEqual([planted]);
  const row = report.rows.find((candidate) => candidate.check === planted && candidate.outcome === "fail")!;
  expect(row.reproduce).toMatch(/^curl -X [A-Z]+ 'http:\/\/127\.0\.0\.1:\d+\//);
  for (const secret of [credentials.apiToken, credentials.password, credentials.bearer]) if (secret) expect(row.reproduce).not.toContain(secret);
  expect(report.seed).toBe(SEED);
}

describe.each([
  ["scalingo", SCALINGO_DEFECTS, false],
  ["huawei-iam", HUAWEI_DEFECTS, true],
] as const)("contract check against a broken %s server", (name, defects, withBearer) => {
  let sandbox: RunningSandbox;
  let proxy: DefectProxy;
  beforeAll(async () => {
    sandbox = await startSandbox({ api: getApi(name), port: 0, onViolation: () => {} });
    proxy = await startDefectProxy(sandbox.url);
    // The Huawei token is given too (freshRun): with the X-Subject-Token defect the login teaches none.
    sandboxAuth = (operationId) => sandbox.authHeaders(operationId);
    await mkdir(RESULTS, { recursive: true });
  });
  afterAll(async () => {
    await proxy?.close();
    await sandbox?.close();
  });

  it("passes every check through the proxy when no defect is planted", async () => {
    proxy.plant(undefined);
    const credentials = await freshRun(sandbox, withBearer);
    const report = await runChecks({ api: getApi(sandbox.api.name), spec: loadBundledSpec(sandbox.api), target: proxy.url, credentials, writes: true, seed: SEED, cases: 6 });
    expect(report.rows.filter((row) => row.outcome !== "pass" && row.outcome !== "skip")).toEqual([]);
  });

  it.each(defects.map(([check, what, defect]) => [check, what, defect] as const))("%s catches: %s, and no other check fails", async (check, _what, defect) => {
    deletedKeys.clear();
    createdKeys.clear();
    await expectCaught(sandbox, proxy, withBearer, check, defect);
  });

  it("exits 1 from the CLI on a planted defect, printing the case, the seed and the replay line", async () => {
    const credentials = await freshRun(sandbox, withBearer);
    deletedKeys.clear();
    createdKeys.clear();
    const log: string[] = [];
    let index = 0;
    // Every defect at once: the broken server of the closing note.
    proxy.plant(async (request, forward) => {
      const chain = defects.map(([, , defect]) => defect);
      const step = async (at: number, current: typeof request): Promise<Awaited<ReturnType<Defect>>> =>
        at >= chain.length ? forward(current) : chain[at]!(current, (next) => step(at + 1, next));
      index++;
      return step(0, request);
    });
    const run = await cli(RESULTS, ["check", "--api", name, "--target", proxy.url, "--writes", "--seed", String(SEED), "--cases", "6", ...credentialFlags(credentials)]);
    log.push(run.stdout);
    await writeFile(join(RESULTS, `check-${name}-broken.txt`), run.stdout);
    expect(run.code, run.stdout).toBe(1);
    expect(index).toBeGreaterThan(0);
    for (const [check] of defects) expect(run.stdout).toMatch(new RegExp(`^${check}\\s+\\S+\\s+.*FAIL`, "m"));
    expect(run.stdout).toContain(`replay (--seed ${SEED}): curl -X`);
    for (const secret of [credentials.apiToken, credentials.password, credentials.bearer]) if (secret) expect(run.stdout).not.toContain(secret);
  });
});
