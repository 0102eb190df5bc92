/**
 * Verify must not pass a server that fails. Each call is the spec's example with valid
 * credentials, so it expects success: a documented error answer fails it, a refusal of the
 * credentials leaves it inconclusive (and the run exits non-zero), unless `--allow-status`
 * accepts that status. With `--writes`, the items verify creates are the ones it then reads,
 * renews and deletes: a server that ignores what it created fails. The small servers below
 * (127.0.0.1, port 0) each break one of these promises.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getApi, listOperations, loadBundledSpec } from "@openregions/apis";
import { cli } from "./check-support.js";
import { formatTable, plannedOperations, verifyProvider, type VerifyReport } from "../src/index.js";
import { exampleAnswer, startProviderServer, type FixtureAnswer, type Override } from "./fixtures/provider-server.js";

const scalingo = getApi("scalingo");
const scalingoSpec = loadBundledSpec(scalingo);
const operation = (operationId: string) => listOperations(scalingoSpec).find((op) => op.operationId === operationId)!;
const documented = (operationId: string, status: number): FixtureAnswer => exampleAnswer(scalingoSpec, operation(operationId), status);
const result = (report: VerifyReport, operationId: string) => report.results.find((entry) => entry.operationId === operationId)!;

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "verify-expectations-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const run = (argv: string[], env: Record<string, string> = {}) => cli(folder, argv, env);

/** Every operation of the API answers its documented `status` (with the spec's example body for it). */
function everything(apiName: string, status: number): Record<string, Override> {
  const spec = loadBundledSpec(getApi(apiName));
  return Object.fromEntries(listOperations(spec).map((op) => [op.operationId, exampleAnswer(spec, op, status)]));
}

describe("a documented error answer is not a pass", () => {
  it("fails an operation answering its documented 500, names what was expected, and shows the body", async () => {
    const server = await startProviderServer("scalingo", { getCurrentUser: documented("getCurrentUser", 500) });
    try {
      const report = await verifyProvider({ api: scalingo, spec: scalingoSpec, target: server.url });
      const user = result(report, "getCurrentUser");
      expect(user, formatTable(report)).toMatchObject({ outcome: "fail", status: 500 });
      expect(user.problems).toEqual(["expected 200, got the documented error 500 (accept it with --allow-status getCurrentUser=500)"]);
      expect(user.excerpt).toBe(JSON.stringify(documented("getCurrentUser", 500).body));
      expect(report.failed).toBe(1);
      expect(report.passed).toBe(13); // every other safe call of the 2.x spec
    } finally {
      await server.close();
    }
  });

  it("exits non-zero, saying so, when the server refuses the credentials on every call", async () => {
    const server = await startProviderServer("scalingo", everything("scalingo", 401));
    try {
      const expired = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE1MjIyNjY5Njl9.expired-signature-0123456789";
      const refused = await run(["verify", "--api", "scalingo", "--target", server.url, "--bearer", expired]);
      expect(refused.code, refused.stdout + refused.stderr).toBe(3);
      expect(refused.stdout).toMatch(/: 0 passed, 0 failed, 13 inconclusive, 16 skipped/);
      expect(refused.stdout).toMatch(/^exchangeToken\s+POST \/v1\/tokens\/exchange\s+-\s+SKIP\s+logs in with credentials that were not given$/m);
      expect(refused.stdout).toMatch(/^getCurrentUser\s+GET \/v1\/users\/self\s+401\s+INCONCLUSIVE\s+inconclusive: the server refused the credentials, 401/m);
      expect(refused.stdout).toContain("13 call(s) inconclusive: the server refused the credentials or rate-limited the calls");
      expect(refused.stdout).not.toContain(expired);

      const placeholders = await verifyProvider({ api: scalingo, spec: scalingoSpec, target: server.url });
      expect(result(placeholders, "getCurrentUser").problems[0]).toMatch(/no credentials given: placeholders were sent/);
      expect(result(placeholders, "listRegions").problems[0]).not.toMatch(/placeholders/); // it allows anonymous calls
    } finally {
      await server.close();
    }
  });

  it("accepts a documented error status only when asked to, for one operation or for all", async () => {
    const broken = await startProviderServer("scalingo", { getCurrentUser: documented("getCurrentUser", 500) });
    const refusing = await startProviderServer("scalingo", everything("scalingo", 401));
    try {
      expect((await run(["verify", "--api", "scalingo", "--target", broken.url])).code).toBe(1);
      const allowed = await run(["verify", "--api", "scalingo", "--target", broken.url, "--allow-status", "getCurrentUser=500"]);
      expect(allowed.code, allowed.stdout).toBe(0);
      expect(allowed.stdout).toMatch(/^getCurrentUser\s+GET \/v1\/users\/self\s+500\s+PASS\s+-$/m);
      const all = await run(["verify", "--api", "scalingo", "--target", refusing.url, "--allow-status", "401"]);
      expect(all.code, all.stdout).toBe(0);
      expect(all.stdout).toMatch(/: 14 passed, 0 failed, 15 skipped/);
    } finally {
      await Promise.all([broken.close(), refusing.close()]);
    }
  });

  it("still fails an allowed status whose body breaks the spec", async () => {
    const server = await startProviderServer("scalingo", { getCurrentUser: { status: 500, headers: { "content-type": "application/json" }, body: { oops: true } } });
    try {
      const report = await verifyProvider({ api: scalingo, spec: scalingoSpec, target: server.url, allowStatuses: [{ operationId: "getCurrentUser", status: 500 }] });
      expect(result(report, "getCurrentUser").outcome).toBe("fail");
    } finally {
      await server.close();
    }
  });

  it("refuses an --allow-status that names no operation, or a status the operation does not document", async () => {
    for (const value of ["getKey=418", "nope=404", "four-oh-four", "600", "418"]) {
      const refused = await run(["verify", "--api", "scalingo", "--target", "http://127.0.0.1:9", "--allow-status", value]);
      expect(refused.code, value).toBe(2);
      expect(refused.stderr, value).toMatch(/--allow-status/);
    }
  });
});

/** Ids the stand-in hands out: never the spec's examples. */
const CREATED = { key: "key-created-by-this-run", token: "5c6e8d1f-0a2b-4c3d-9e8f-0c1d2e3f4a5b" } as const;
const EXAMPLE_IDS = { key: "5ae1bb5b3de6ec000e5d0d9d", token: "e061a292-bab4-47fa-bb08-d7f7895ae5b6" } as const;

/**
 * A Scalingo stand-in whose creations return fresh ids. By-id calls answer 200 for the ids in
 * `known` and the documented 404 for any other: `remembers` knows what it created; a
 * forgetful one knows only the spec's example ids (what verify sent before it chained).
 */
function statefulScalingo(known: "created" | "examples"): Promise<Awaited<ReturnType<typeof startProviderServer>>> {
  const ids = known === "created" ? CREATED : EXAMPLE_IDS;
  const idIn = (url: string) => decodeURIComponent(new URL(url, "http://x").pathname.split("/")[3] ?? "");
  const byId = (kind: keyof typeof CREATED, operationId: string): Override => (request, example) =>
    idIn(request.url) === ids[kind] ? example : documented(operationId, 404);
  const withId = (example: FixtureAnswer, kind: keyof typeof CREATED): FixtureAnswer => {
    const body = structuredClone(example.body) as Record<string, Record<string, unknown>>;
    body[kind]!["id"] = CREATED[kind];
    return { ...example, body };
  };
  return startProviderServer("scalingo", {
    createKey: (_request, example) => withId(example, "key"),
    createToken: (_request, example) => withId(example, "token"),
    getKey: byId("key", "getKey"),
    deleteKey: byId("key", "deleteKey"),
    renewToken: byId("token", "renewToken"),
    deleteToken: byId("token", "deleteToken"),
  });
}

describe("--writes chains what it created", () => {
  it("creates first, then reads, renews and deletes by the id the creation returned", () => {
    const order = plannedOperations(scalingoSpec, "scalingo", true).map((op) => op.operationId);
    const at = (operationId: string) => order.indexOf(operationId);
    expect(at("createKey")).toBeLessThan(at("getKey"));
    expect(at("createToken")).toBeLessThan(at("renewToken"));
    // deletes come last, each after every call that uses what it deletes
    for (const [create, uses, remove] of [["createKey", "getKey", "deleteKey"], ["createToken", "renewToken", "deleteToken"]] as const) {
      expect(at(create)).toBeLessThan(at(remove));
      expect(at(uses)).toBeLessThan(at(remove));
    }
    const deletes = order.filter((operationId) => operationId.startsWith("delete"));
    expect(order.slice(-deletes.length)).toEqual(deletes);
  });

  it("passes a server that serves what it created, and the by-id calls carried the created ids", async () => {
    const server = await statefulScalingo("created");
    try {
      const report = await verifyProvider({ api: scalingo, spec: scalingoSpec, target: server.url, writes: true });
      expect(report.failed, formatTable(report)).toBe(0);
      expect(report.passed).toBe(listOperations(scalingoSpec).length);
      const sent = (operationId: string) => server.received.find((request) => request.operationId === operationId)?.url;
      expect(sent("getKey")).toBe(`/v1/keys/${CREATED.key}`);
      expect(sent("deleteKey")).toBe(`/v1/keys/${CREATED.key}`);
      expect(sent("renewToken")).toBe(`/v1/tokens/${CREATED.token}/renew`);
      expect(sent("deleteToken")).toBe(`/v1/tokens/${CREATED.token}`);
      expect(result(report, "getKey").ids).toEqual(["id created by createKey"]);
    } finally {
      await server.close();
    }
  });

  it("fails a server that ignores the ids it created", async () => {
    const server = await statefulScalingo("examples");
    try {
      const report = await verifyProvider({ api: scalingo, spec: scalingoSpec, target: server.url, writes: true });
      for (const operationId of ["getKey", "deleteKey", "renewToken", "deleteToken"]) {
        expect(result(report, operationId), operationId).toMatchObject({ outcome: "fail", status: 404 });
        expect(result(report, operationId).problems[0]).toMatch(/got the documented error 404/);
      }
      expect(report.failed).toBe(4);
    } finally {
      await server.close();
    }
  });

  it("never deletes what it did not create: after a failed creation, only a read uses a listed id", async () => {
    const server = await startProviderServer("scalingo", { createKey: documented("createKey", 422) });
    try {
      const report = await verifyProvider({ api: scalingo, spec: scalingoSpec, target: server.url, writes: true });
      expect(result(report, "createKey").outcome).toBe("fail");
      expect(result(report, "getKey")).toMatchObject({ outcome: "pass", ids: ["id listed by listKeys"] });
      expect(result(report, "deleteKey")).toMatchObject({ outcome: "skip", problems: ["needs the id that createKey returns, and none came back"] });
      expect(server.received.filter((request) => request.operationId === "deleteKey")).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe("reads of one item use an id the listing returned", () => {
  it("shows the key that listKeys listed, not the spec's example", async () => {
    const listed = "key-listed-by-the-server";
    const server = await startProviderServer("scalingo", {
      listKeys: (_request, example) => {
        const body = structuredClone(example.body) as { keys: Array<Record<string, unknown>> };
        body.keys[0]!["id"] = listed;
        return { ...example, body };
      },
    });
    try {
      const report = await verifyProvider({ api: scalingo, spec: scalingoSpec, target: server.url });
      expect(server.received.find((request) => request.operationId === "getKey")?.url).toBe(`/v1/keys/${listed}`);
      expect(result(report, "getKey")).toMatchObject({ outcome: "pass", ids: ["id listed by listKeys"] });
    } finally {
      await server.close();
    }
  });

  it("skips the read, saying why, when the listing is empty", async () => {
    const server = await startProviderServer("scalingo", { listKeys: (_request, example) => ({ ...example, body: { keys: [] } }) });
    try {
      const report = await verifyProvider({ api: scalingo, spec: scalingoSpec, target: server.url });
      expect(result(report, "getKey")).toMatchObject({ outcome: "skip", problems: ["no id to use: listKeys listed none (pass --writes to create one)"] });
    } finally {
      await server.close();
    }
  });
});
