/**
 * Provider verification against servers that conform: the Prism mock of every API, and the
 * stand-in provider, through which the real-credential flows are checked (what is sent where,
 * and that no secret reaches the report).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apis, getApi, listOperations, loadBundledSpec } from "@openregions/apis";
import { startMock, type RunningMock } from "@openregions/mock";
import { checkTarget, formatTable, isLoopbackHost, plannedOperations, toJUnit, UsageError, verifyProvider, type VerifyReport } from "../src/index.js";
import { trapNonLoopback } from "./fixtures/fetch-trap.js";
import { startProviderServer } from "./fixtures/provider-server.js";

const SAFE = new Set(["get", "head", "options"]);
const LOGINS: Record<string, string[]> = { scalingo: ["exchangeToken"], "huawei-iam": ["createToken"], rainbond: [] };

describe.each(apis.map((api) => [api.name, api] as const))("verify %s against its Prism mock", (name, api) => {
  const spec = loadBundledSpec(api);
  let mock: RunningMock;
  let readOnly: VerifyReport | undefined;
  beforeAll(async () => {
    mock = await startMock({ api });
  });
  afterAll(async () => {
    await mock?.close();
  });

  it("calls every safe operation and the logins, and every answer conforms", async () => {
    readOnly = await verifyProvider({ api, spec, target: mock.url });
    const report = readOnly;
    const called = report.results.filter((result) => result.outcome !== "skip").map((result) => result.operationId);
    const expected = listOperations(spec)
      .filter((op) => SAFE.has(op.method) || LOGINS[name]!.includes(op.operationId))
      .map((op) => op.operationId);
    expect(called.sort()).toEqual(expected.sort());
    expect(report.results.filter((result) => result.outcome === "fail"), formatTable(report)).toEqual([]);
    expect(report.failed).toBe(0);
    expect(report.passed).toBe(expected.length);
  });

  it("skips the operations that change state unless writes are allowed, then they conform too", async () => {
    const skipped = (readOnly ?? (await verifyProvider({ api, spec, target: mock.url }))).results.filter((result) => result.outcome === "skip");
    for (const result of skipped) expect(["POST", "PUT", "PATCH", "DELETE"]).toContain(result.method);
    const withWrites = await verifyProvider({ api, spec, target: mock.url, writes: true });
    expect(withWrites.skipped).toBe(0);
    expect(withWrites.failed, formatTable(withWrites)).toBe(0);
    expect(withWrites.results).toHaveLength(listOperations(spec).length);
  });
});

describe("verify order and credentials", () => {
  it("logs in first, reads next, then creates and updates, and deletes last", () => {
    const order = plannedOperations(loadBundledSpec(getApi("scalingo")), "scalingo").map((op) => `${op.method} ${op.operationId}`);
    expect(order[0]).toBe("post exchangeToken");
    const firstWrite = order.findIndex((entry) => /^(post|put|patch) /.test(entry) && entry !== "post exchangeToken");
    const firstDelete = order.findIndex((entry) => entry.startsWith("delete "));
    expect(order.slice(1, firstWrite).every((entry) => entry.startsWith("get "))).toBe(true);
    expect(order.slice(firstDelete).every((entry) => entry.startsWith("delete "))).toBe(true);
  });

  it("exchanges a Scalingo API token and sends the bearer it got on later calls", async () => {
    const apiToken = "tk-us-verify-test-0123456789abcdefghijklmnopqrstuvwxyz";
    const exchanged = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjQxMDI0NDQ4MDB9.exchanged-signature-0123456789";
    const server = await startProviderServer("scalingo", { exchangeToken: { status: 200, headers: { "content-type": "application/json" }, body: { token: exchanged } } });
    try {
      const api = getApi("scalingo");
      const report = await verifyProvider({ api, spec: loadBundledSpec(api), target: server.url, credentials: { apiToken } });
      expect(report.failed, formatTable(report)).toBe(0);
      const exchange = server.received.find((request) => request.operationId === "exchangeToken")!;
      expect(exchange.headers.authorization).toBe(`Basic ${Buffer.from(`:${apiToken}`).toString("base64")}`);
      for (const operationId of ["listTokens", "getCurrentUser", "listKeys", "getKey", "listRegions"]) {
        expect(server.received.find((request) => request.operationId === operationId)?.headers.authorization, operationId).toBe(`Bearer ${exchanged}`);
      }
    } finally {
      await server.close();
    }
  });

  it("logs in to Huawei IAM with a password and sends the X-Subject-Token as X-Auth-Token", async () => {
    const subject = "MIIsubject-token-from-the-login-0123456789abcdefghijklmnopqrstuvwxyz";
    const password = "a-long-test-password-0123456789";
    const server = await startProviderServer("huawei-iam", {
      createToken: (_request, example) => ({ ...example, headers: { ...example.headers, "X-Subject-Token": subject } }),
    });
    try {
      const api = getApi("huawei-iam");
      const credentials = { username: "verify-user", password, domain: "verify-domain", project: "verify-project" };
      const report = await verifyProvider({ api, spec: loadBundledSpec(api), target: server.url, credentials });
      expect(report.failed, formatTable(report)).toBe(0);
      const login = server.received.find((request) => request.operationId === "createToken")!;
      expect(JSON.parse(login.body)).toEqual({
        auth: {
          identity: { methods: ["password"], password: { user: { name: "verify-user", password, domain: { name: "verify-domain" } } } },
          scope: { project: { name: "verify-project" } },
        },
      });
      expect(login.headers["x-auth-token"]).toBeUndefined();
      for (const operationId of ["listRegions", "getRegion"]) {
        expect(server.received.find((request) => request.operationId === operationId)?.headers["x-auth-token"], operationId).toBe(subject);
      }
    } finally {
      await server.close();
    }
  });

  it("sends a Rainbond access key as the whole Authorization header", async () => {
    const accessKey = "3f9c0d2b7e4a41c8a0b6e5d7c2f1a9b4e8d03c6f";
    const server = await startProviderServer("rainbond");
    try {
      const api = getApi("rainbond");
      const manageToken = "rainbond-manage-token-0123456789abcdef";
      const report = await verifyProvider({ api, spec: loadBundledSpec(api), target: server.url, credentials: { accessKey, bearer: manageToken } });
      expect(report.failed, formatTable(report)).toBe(0);
      // v1 reads with the personal key, v2 management reads with the management token (--bearer); lists before shows
      expect(server.received.map((request) => request.headers.authorization)).toEqual([accessKey, manageToken, accessKey, manageToken]);
    } finally {
      await server.close();
    }
  });

  it("reports a refused login, and masks every secret in the table and the JUnit report", async () => {
    const apiToken = "tk-us-refused-token-0123456789abcdefghijklmnopqrstuvwxyz";
    let sentAuthorization = "";
    const server = await startProviderServer("scalingo", {
      exchangeToken: (request) => {
        sentAuthorization = String(request.headers.authorization);
        return { status: 401, headers: { "content-type": "application/json" }, body: { error: "invalid token" } };
      },
      // A proxy in front of the server that echoes the credentials back in a violation report.
      listKeys: (_request, example) => ({
        ...example,
        headers: { ...example.headers, "sl-violations": `saw ${sentAuthorization}, token ${apiToken}` },
      }),
    });
    try {
      const api = getApi("scalingo");
      const report = await verifyProvider({ api, spec: loadBundledSpec(api), target: server.url, credentials: { apiToken } });
      const exchange = report.results.find((result) => result.operationId === "exchangeToken")!;
      expect(exchange.outcome).toBe("inconclusive");
      expect(exchange.problems.join()).toMatch(/inconclusive: the server refused the credentials, 401/);
      expect(exchange.problems.join()).toMatch(/login with the given credentials answered 401/);
      const listKeys = report.results.find((result) => result.operationId === "listKeys")!;
      expect(listKeys.problems.join()).toBe("the validating proxy reported: saw [redacted], token [redacted]");
      const printed = `${formatTable(report)}\n${toJUnit([report])}`;
      expect(printed).not.toContain(apiToken);
      expect(printed).not.toContain(Buffer.from(`:${apiToken}`).toString("base64"));
    } finally {
      await server.close();
    }
  });

  it("gives up on an operation that does not answer in time, and goes on", async () => {
    const server = await startProviderServer("rainbond", { listRegions: { status: 200, hang: true } });
    try {
      const api = getApi("rainbond");
      const report = await verifyProvider({ api, spec: loadBundledSpec(api), target: server.url, timeoutMs: 300 });
      expect(report.results.find((result) => result.operationId === "listRegions")).toMatchObject({ outcome: "error", problems: ["no answer within 300 ms"] });
      expect(report.results.find((result) => result.operationId === "getRegion")?.outcome).toBe("pass");
    } finally {
      await server.close();
    }
  });

  it("reports an unreachable server on every operation it calls", async () => {
    const server = await startProviderServer("rainbond");
    await server.close(); // the port is now free: nothing listens there
    const api = getApi("rainbond");
    const report = await verifyProvider({ api, spec: loadBundledSpec(api), target: server.url, timeoutMs: 2_000 });
    expect(report.errors).toBe(4); // the v1 and v2 lists and shows
    expect(report.failed).toBe(0);
    for (const result of report.results.filter((entry) => entry.outcome === "error")) expect(result.problems).toEqual(["connection refused (ECONNREFUSED)"]);
    expect(report.notes).toEqual([`nothing accepted a connection at ${server.url}: is the server up?`]);
  });
});

describe("targets for real credentials", () => {
  it("knows the loopback addresses", () => {
    for (const host of ["localhost", "127.0.0.1", "127.9.8.7", "[::1]", "::1"]) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ["10.0.0.1", "192.168.1.1", "example.com", "127.0.0.1.example.com", "localhost.example.com", "api.localhost"]) expect(isLoopbackHost(host), host).toBe(false);
  });

  it("refuses plain http to another machine with credentials, and allows https, loopback, or no credentials", () => {
    expect(() => checkTarget("http://console.example.com:7070", true)).toThrow(UsageError);
    expect(() => checkTarget("http://10.1.2.3", true)).toThrow(/refusing to send real credentials over plain http/);
    expect(checkTarget("https://console.example.com", true).host).toBe("console.example.com");
    expect(checkTarget("http://127.0.0.1:4010", true).port).toBe("4010");
    expect(checkTarget("http://[::1]:4010", true).hostname).toBe("[::1]");
    expect(checkTarget("http://console.example.com", false).protocol).toBe("http:");
    expect(() => checkTarget("ftp://127.0.0.1", false)).toThrow(UsageError);
    expect(() => checkTarget("https://user:pw@example.com", false)).toThrow(/must not carry credentials/);
    expect(() => checkTarget("not a url", false)).toThrow(/not a URL/);
  });

  it("verifyProvider refuses before sending anything", async () => {
    const api = getApi("rainbond");
    // A regression of the rule would send the key to the trap on loopback, never to another machine.
    const { result, trapped } = await trapNonLoopback(() =>
      verifyProvider({ api, spec: loadBundledSpec(api), target: "http://console.example.com", credentials: { accessKey: "k".repeat(40) } }).then(
        () => "sent",
        (error: unknown) => error,
      ),
    );
    expect(trapped).toEqual([]);
    expect(result).toBeInstanceOf(UsageError);
  });
});
