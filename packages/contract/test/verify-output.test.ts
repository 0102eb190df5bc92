/**
 * What verify prints: secrets masked where the server's text is taken (headers, bodies) and
 * nowhere else, so the report's own words survive any secret; secrets too short to mask are
 * refused; JUnit is always well-formed XML and keeps calls without answer apart from
 * failures; a failure shows the start of the body; a refused connection asks once whether the
 * server is up; each subcommand has its own --help. Also the workflows command's --junit,
 * --input check and plain output off a terminal.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getApi, loadBundledSpec } from "@openregions/apis";
import { cli } from "./check-support.js";
import { formatTable, toJUnit, UsageError, verifyProvider } from "../src/index.js";
import { stripAnsi } from "../src/workflows.js";
import { startProviderServer, type FixtureAnswer } from "./fixtures/provider-server.js";

const JSON_TYPE = { "content-type": "application/json" };
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "verify-output-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const run = (argv: string[], env: Record<string, string> = {}) => cli(folder, argv, env);

const wellFormed = (xml: string): true | string => {
  const verdict = XMLValidator.validate(xml);
  return verdict === true ? true : JSON.stringify(verdict.err);
};

/** A Rainbond stand-in whose getRegion answers the documented 404, echoing the Authorization it got in the body and a proxy header. */
const echoing = () =>
  startProviderServer("rainbond", {
    getRegion: (request): FixtureAnswer => ({
      status: 404,
      headers: { ...JSON_TYPE, "sl-violations": `saw ${request.headers.authorization}` },
      body: { code: 404, msg: `no found region for ${request.headers.authorization}`, msg_show: "数据中心不存在" },
    }),
  });

describe("secrets", () => {
  it("refuses a secret too short to mask, from a flag or the environment, before sending anything", async () => {
    const server = await startProviderServer("rainbond");
    try {
      const flag = await run(["verify", "--api", "rainbond", "--target", server.url, "--access-key", "e"]);
      expect(flag.code).toBe(2);
      expect(flag.stderr).toMatch(/--access-key \(or OPENREGIONS_ACCESS_KEY\): shorter than 8 characters/);
      const env = await run(["verify", "--api", "huawei-iam", "--target", server.url, "--username", "u", "--domain", "d"], { OPENREGIONS_PASSWORD: "pw" });
      expect(env.code).toBe(2);
      expect(env.stderr).toMatch(/--password \(or OPENREGIONS_PASSWORD\)/);
      const api = getApi("rainbond");
      await expect(verifyProvider({ api, spec: loadBundledSpec(api), target: server.url, credentials: { bearer: "x" } })).rejects.toThrow(UsageError);
      expect(server.received).toEqual([]);
    } finally {
      await server.close();
    }
  });

  it("masks a secret where the server echoes it, and leaves the report's own words alone", async () => {
    const server = await echoing();
    try {
      // Both keys are also words of the report: masking the whole text would garble rows and tags.
      for (const accessKey of ["getRegion", "testcase"]) {
        const result = await run(["verify", "--api", "rainbond", "--target", server.url, "--access-key", accessKey, "--junit", `${accessKey}.xml`]);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(
          /^getRegion\s+GET \/openapi\/v1\/regions\/\{region_id\}\s+404\s+FAIL\s+the validating proxy reported: saw \[redacted\]; expected 200/m,
        );
        expect(result.stdout).toMatch(/^\s+body: \{"code":404,"msg":"no found region for \[redacted\]","msg_show":"数据中心不存在"\}$/m);
        expect(result.stdout).toMatch(/^listRegions\s+GET \/openapi\/v1\/regions\s+200\s+PASS/m);
        const xml = await readFile(join(folder, `${accessKey}.xml`), "utf8");
        expect(wellFormed(xml), xml).toBe(true);
        expect(xml).toContain('<testcase classname="contract.verify.rainbond" name="getRegion (GET /openapi/v1/regions/{region_id})"');
        expect(xml).toContain("no found region for [redacted]");
      }
    } finally {
      await server.close();
    }
  });

  it("masks secret-named fields of a body excerpt: a new API token never reaches the output", async () => {
    const fresh = "tk-us-freshly-created-secret-0123456789abcdefghijkl";
    const server = await startProviderServer("scalingo", {
      // A created token without its required `name`: a failure, whose body holds the new secret.
      createToken: { status: 201, headers: JSON_TYPE, body: { token: { id: "e061a292-bab4-47fa-bb08-d7f7895ae5b6", token: fresh } } },
    });
    try {
      const api = getApi("scalingo");
      const report = await verifyProvider({ api, spec: loadBundledSpec(api), target: server.url, writes: true });
      const created = report.results.find((result) => result.operationId === "createToken")!;
      expect(created.outcome).toBe("fail");
      expect(created.excerpt).toBe('{"token":{"id":"e061a292-bab4-47fa-bb08-d7f7895ae5b6","token":"[redacted]"}}');
      expect(`${formatTable(report)}${toJUnit([report])}`).not.toContain(fresh);
    } finally {
      await server.close();
    }
  });
});

describe("JUnit and the table", () => {
  it("is well-formed XML whatever the server sends", async () => {
    const server = await startProviderServer("rainbond", {
      getRegion: { status: 500, headers: { "content-type": "text/plain" }, raw: "\u0000\u0007<oops attr=\"&\">]]></oops>\uFFFE" },
    });
    try {
      const api = getApi("rainbond");
      const report = await verifyProvider({ api, spec: loadBundledSpec(api), target: server.url });
      const xml = toJUnit([report]);
      expect(wellFormed(xml), xml).toBe(true);
    } finally {
      await server.close();
    }
  });

  it("keeps calls without answer (timeouts) apart from failures, and shows a failure's body", async () => {
    const server = await startProviderServer("rainbond", {
      listRegions: { status: 200, hang: true },
      getRegion: { status: 418, headers: { "content-type": "text/plain" }, raw: "I'm a teapot, not a region" },
    });
    try {
      const result = await run(["verify", "--api", "rainbond", "--target", server.url, "--timeout", "300", "--junit", "errors.xml"]);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^listRegions\s+GET \/openapi\/v1\/regions\s+-\s+ERROR\s+no answer within 300 ms$/m);
      expect(result.stdout).toMatch(/^getRegion .*418\s+FAIL\s+status 418 is not documented for getRegion\n\s+body: I'm a teapot, not a region$/m);
      // the v2 management reads pass (the fixture answers their examples); its writes and createRegion are skipped
      expect(result.stdout).toMatch(/: 2 passed, 1 failed, 1 error, 6 skipped/);
      const xml = await readFile(join(folder, "errors.xml"), "utf8");
      expect(wellFormed(xml)).toBe(true);
      expect(xml).toContain('<testsuite name="verify rainbond" tests="10" failures="1" errors="1" skipped="6"');
      expect(xml).toContain('<error message="no answer within 300 ms" type="NoAnswer">no answer\nno answer within 300 ms</error>');
      expect(xml).toContain(`type="ContractViolation">status 418\nstatus 418 is not documented for getRegion\nbody: I&apos;m a teapot`.replace("&apos;", "'"));
    } finally {
      await server.close();
    }
  });

  it("says once that nothing listens at the target", async () => {
    const server = await startProviderServer("rainbond");
    await server.close();
    const result = await run(["verify", "--api", "rainbond", "--target", server.url, "--junit", "refused.xml"]);
    expect(result.code).toBe(1);
    expect(result.stdout.match(/is the server up\?/g)).toEqual(["is the server up?"]);
    expect(result.stdout).toMatch(/^listRegions\s+GET \/openapi\/v1\/regions\s+-\s+ERROR\s+connection refused \(ECONNREFUSED\)$/m);
    const xml = await readFile(join(folder, "refused.xml"), "utf8");
    expect(xml).toContain('failures="0" errors="4" skipped="6"');
  });

  it("marks an inconclusive call as an error in JUnit", async () => {
    const server = await startProviderServer("rainbond", {
      listRegions: { status: 401, headers: JSON_TYPE, body: { code: 401, msg: "Unauthorized", msg_show: "未授权" } },
    });
    try {
      const api = getApi("rainbond");
      const report = await verifyProvider({ api, spec: loadBundledSpec(api), target: server.url, credentials: { accessKey: "3f9c0d2b7e4a41c8a0b6e5d7c2f1a9b4e8d03c6f" } });
      expect(report.results[0]).toMatchObject({ operationId: "listRegions", outcome: "inconclusive" });
      expect(toJUnit([report])).toMatch(/<error message="inconclusive: the server refused the credentials, 401 [^"]*" type="Inconclusive">/);
    } finally {
      await server.close();
    }
  });
});

describe("help and usage", () => {
  it.each([
    ["verify", /--allow-status/],
    ["workflows", /--junit <file>/],
    ["breaking", /--fail-on/],
    ["baseline", /--all/],
  ])("`contract %s --help` prints that command's usage only", async (command, own) => {
    const result = await run([command, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^usage: pnpm contract ${command} `));
    expect(result.stdout).toMatch(own);
    for (const other of ["verify", "workflows", "breaking", "baseline"].filter((name) => name !== command)) {
      expect(result.stdout).not.toMatch(new RegExp(`^\\s*contract ${other} `, "m"));
    }
  });

  it("refuses a mistyped --input, naming the inputs the workflows declare", async () => {
    const result = await run(["workflows", "--api", "scalingo", "--input", "apiTokenAuthorisation=Basic abc"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--input "apiTokenAuthorisation" is not an input of the workflows of scalingo \(inputs: apiTokenAuthorization, otpCode, tokenName\)/);
  });
});

describe("contract workflows output", () => {
  it("writes JUnit, one testcase per step, and no colour codes when the output is not a terminal", async () => {
    const broken = await startProviderServer("rainbond", { getRegion: { status: 418, headers: { "content-type": "text/plain" }, raw: "teapot" } });
    const forced = process.env["FORCE_COLOR"];
    process.env["FORCE_COLOR"] = "1";
    try {
      const result = await run(["workflows", "--api", "rainbond", "--target", broken.url, "--junit", "workflows.xml"]);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain("FAIL spec/rainbond/workflows/regions.arazzo.yaml (1/2 steps)");
      expect(result.stdout).not.toContain("\u001b[");
      const xml = await readFile(join(folder, "workflows.xml"), "utf8");
      expect(wellFormed(xml), xml).toBe(true);
      expect(xml).toContain('<testsuite name="workflows rainbond" tests="2" failures="1" errors="0">');
      expect(xml).toMatch(/<testcase classname="[^"]+" name="list-then-details\/listRegions"\/>/);
      expect(xml).toMatch(/<testcase classname="[^"]+" name="list-then-details\/getRegion">\n\s+<failure /);
    } finally {
      if (forced === undefined) delete process.env["FORCE_COLOR"];
      else process.env["FORCE_COLOR"] = forced;
      await broken.close();
    }
  });

  it("strips colour and cursor codes", () => {
    expect(stripAnsi("\u001b[31mFAIL\u001b[39m \u001b[2Kdone\u001b[?25h")).toBe("FAIL done");
  });
});
