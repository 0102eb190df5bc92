/**
 * Provider verification must catch what a non-conforming server does wrong, on the operation
 * where it happens, and nowhere else. The stand-in Scalingo server below answers its spec's
 * examples except on five operations, each seeded with one kind of violation; a Huawei IAM
 * stand-in drops the required X-Subject-Token header of the login.
 */
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { getApi, loadBundledSpec } from "@openregions/apis";
import { formatTable, verifyProvider, type VerifyReport } from "../src/index.js";
import { startProviderServer, type FixtureAnswer, type FixtureServer } from "./fixtures/provider-server.js";

const JSON_TYPE = { "content-type": "application/json" };
type Body = Record<string, unknown>;

/** Each seeded violation: the operation it is planted on, and what the report must say about it. */
const SEEDED: Record<string, { answer: (example: FixtureAnswer) => FixtureAnswer; expected: RegExp }> = {
  // A region without its required `name`.
  listRegions: {
    answer: (example) => {
      const body = structuredClone(example.body) as { regions: Body[] };
      delete body.regions[0]!["name"];
      return { ...example, body };
    },
    expected: /\/regions\/0 must have required property 'name'/,
  },
  // The account id as a number instead of a string.
  getCurrentUser: {
    answer: (example) => {
      const body = structuredClone(example.body) as { user: Body };
      body.user["id"] = 42;
      return { ...example, body };
    },
    expected: /\/user\/id must be string/,
  },
  // 409 is not among the statuses listTokens documents.
  listTokens: { answer: () => ({ status: 409, headers: JSON_TYPE, body: { error: "conflict" } }), expected: /status 409 is not documented for listTokens/ },
  // An HTML page where JSON is documented.
  listKeys: {
    answer: () => ({ status: 200, headers: { "content-type": "text/html; charset=utf-8" }, raw: "<html><body>keys</body></html>" }),
    expected: /content type "text\/html; charset=utf-8" is not documented for 200/,
  },
  // A documented 404 whose body is not Scalingo's `{"resource", "error"}` shape.
  getKey: { answer: () => ({ status: 404, headers: JSON_TYPE, body: { message: "Key not found" } }), expected: /\(root\) must have required property 'error'/ },
};

describe("verify catches each seeded violation on the right operation", () => {
  let server: FixtureServer;
  let report: VerifyReport;
  beforeAll(async () => {
    server = await startProviderServer(
      "scalingo",
      Object.fromEntries(Object.entries(SEEDED).map(([operationId, seeded]) => [operationId, (_request, example) => seeded.answer(example)])),
    );
    const api = getApi("scalingo");
    report = await verifyProvider({ api, spec: loadBundledSpec(api), target: server.url });
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(Object.entries(SEEDED))("%s fails with the violation planted on it", (operationId, seeded) => {
    const result = report.results.find((entry) => entry.operationId === operationId)!;
    expect(result.outcome, formatTable(report)).toBe("fail");
    expect(result.problems.some((problem) => seeded.expected.test(problem)), result.problems.join("\n")).toBe(true);
  });

  it("fails nothing else: every other operation called passes", () => {
    const others = report.results.filter((entry) => !(entry.operationId in SEEDED) && entry.outcome !== "skip");
    expect(others.map((entry) => entry.operationId)).toContain("exchangeToken");
    expect(others.every((entry) => entry.outcome === "pass"), formatTable(report)).toBe(true);
    expect(report.failed).toBe(Object.keys(SEEDED).length);
  });

  it("prints one row per operation with its status, result and problems", () => {
    const table = formatTable(report);
    expect(table).toMatch(/^operation\s+method path\s+status\s+result\s+problems$/m);
    expect(table).toMatch(/^listTokens\s+GET \/v1\/tokens\s+409\s+FAIL\s+status 409 is not documented for listTokens$/m);
    expect(table).toMatch(/^exchangeToken\s+POST \/v1\/tokens\/exchange\s+200\s+PASS\s+-$/m);
    expect(table).toMatch(/^createToken\s+POST \/v1\/tokens\s+-\s+SKIP\s+changes state/m);
    const { passed, failed, skipped } = report;
    expect(failed).toBe(5);
    expect(table).toMatch(new RegExp(`scalingo against http://127\\.0\\.0\\.1:\\d+: ${passed} passed, 5 failed, ${skipped} skipped`));
  });
});

describe("verify checks the documented headers and the body's syntax", () => {
  it("reports a Huawei IAM login without its required X-Subject-Token header", async () => {
    const server = await startProviderServer("huawei-iam", {
      createToken: (_request, example) => ({ ...example, headers: { "content-type": "application/json" } }),
    });
    try {
      const api = getApi("huawei-iam");
      const report = await verifyProvider({ api, spec: loadBundledSpec(api), target: server.url });
      const login = report.results.find((entry) => entry.operationId === "createToken")!;
      expect(login).toMatchObject({ outcome: "fail", status: 201, problems: ["required header X-Subject-Token is missing from the 201 response"] });
      expect(report.failed, formatTable(report)).toBe(1);
    } finally {
      await server.close();
    }
  });

  it("reports a JSON content type whose body does not parse", async () => {
    const server = await startProviderServer("rainbond", { getRegion: { status: 200, headers: JSON_TYPE, raw: '{"region_name": "test",' } });
    try {
      const api = getApi("rainbond");
      const report = await verifyProvider({ api, spec: loadBundledSpec(api), target: server.url });
      const result = report.results.find((entry) => entry.operationId === "getRegion")!;
      expect(result.outcome).toBe("fail");
      expect(result.problems[0]).toMatch(/the body is not valid JSON/);
    } finally {
      await server.close();
    }
  });

  it("reports a wrapped list where the spec documents a bare array", async () => {
    const server = await startProviderServer("rainbond", { listRegions: { status: 200, headers: JSON_TYPE, body: { regions: [] } } });
    try {
      const api = getApi("rainbond");
      const report = await verifyProvider({ api, spec: loadBundledSpec(api), target: server.url });
      expect(report.results.find((entry) => entry.operationId === "listRegions")?.problems).toContain("(root) must be array");
    } finally {
      await server.close();
    }
  });
});
