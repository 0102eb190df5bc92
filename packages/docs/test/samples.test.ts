import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apis, EXAMPLE_CREDENTIALS, listOperations, loadBundledSpec, type ApiDefinition } from "@openregions/apis";
import { curlSample } from "../src/curl.js";
import { docsSpec, type CodeSample } from "../src/docs-spec.js";
import { guides } from "../src/guides.js";
import { readTypeScriptSamples, samplePath } from "../src/samples.js";
import { defaultServerUrl } from "../src/server-url.js";

const curlOf = (api: ApiDefinition, operationId: string) => {
  const spec = loadBundledSpec(api);
  const op = listOperations(spec).find((candidate) => candidate.operationId === operationId)!;
  return curlSample(spec, op, { apiName: api.name, baseUrl: defaultServerUrl(spec)!, credentials: guides[api.name]?.curlCredentials });
};
const api = (name: string): ApiDefinition => apis.find((candidate) => candidate.name === name)!;

/** Runs a curl sample in bash with a stand-in `curl` that prints the arguments it was given. */
function curlArguments(source: string, env: Record<string, string>): string[] {
  const script = `curl() { printf '%s\\0' "$@"; }\n${source}`;
  const result = spawnSync("bash", ["--norc", "--noprofile", "-c", script], {
    env: { PATH: process.env["PATH"], ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return result.stdout.split("\0").slice(0, -1);
}

describe("curl samples", () => {
  const every = apis.flatMap((one) => listOperations(loadBundledSpec(one)).map((op) => [`${one.name} ${op.operationId}`, one, op.operationId] as const));

  test.each(every)("%s: valid shell, the spec's server, credentials only from the environment", (_, one, operationId) => {
    const sample = curlOf(one, operationId);
    const env = Object.fromEntries(sample.env.map((name) => [name, `value-of-${name}`]));
    const args = curlArguments(sample.source, env);
    const spec = loadBundledSpec(one);
    expect(args.some((arg) => arg.startsWith(`${defaultServerUrl(spec)}/`))).toBe(true);
    for (const example of Object.values(EXAMPLE_CREDENTIALS)) expect(sample.source).not.toContain(example);
    for (const name of sample.env) expect(name).toMatch(new RegExp(`^${one.name.toUpperCase().replace(/-/g, "_")}_[A-Z_]+$`));
    const data = args[args.indexOf("--data") + 1];
    if (args.includes("--data")) expect(() => JSON.parse(data!)).not.toThrow();
  });

  test("Scalingo: the exchange sends the API token as a Basic password; other calls a bearer", () => {
    expect(curlOf(api("scalingo"), "exchangeToken").source).toBe(
      `curl -X POST 'https://auth.scalingo.com/v1/tokens/exchange' \\\n  -u ":$SCALINGO_API_TOKEN" \\\n  -H 'Content-Type: application/json' \\\n  --data '{}'`,
    );
    expect(curlOf(api("scalingo"), "getCurrentUser")).toEqual({
      source: `curl 'https://auth.scalingo.com/v1/users/self' \\\n  -H "Authorization: Bearer $SCALINGO_BEARER"`,
      env: ["SCALINGO_BEARER"],
    });
    expect(curlOf(api("scalingo"), "listRegions").env).toEqual([]); // anonymous calls are allowed
  });

  test("Rainbond: the raw access key in Authorization", () => {
    const sample = curlOf(api("rainbond"), "listRegions");
    expect(sample.source).toContain(`-H "Authorization: $RAINBOND_ACCESS_KEY"`);
    expect(curlArguments(sample.source, { RAINBOND_ACCESS_KEY: "k" })).toContain("Authorization: k");
  });

  test("Huawei IAM: the login password comes from the environment, the token goes in X-Auth-Token", () => {
    const login = curlOf(api("huawei-iam"), "createToken");
    expect(login.env).toEqual(["HUAWEI_IAM_PASSWORD"]);
    const args = curlArguments(login.source, { HUAWEI_IAM_PASSWORD: "s3cret" });
    const body = JSON.parse(args[args.indexOf("--data") + 1]!) as { auth: { identity: { password: { user: { password: string } } } } };
    expect(body.auth.identity.password.user.password).toBe("s3cret");
    expect(login.source).not.toContain("Example#Passw0rd");
    expect(curlOf(api("huawei-iam"), "listRegions").source).toContain(`-H "X-Auth-Token: $HUAWEI_IAM_AUTH_TOKEN"`);
  });
});

describe("TypeScript samples", () => {
  test.each(apis.map((one) => [one.name, one] as const))("%s: one per operation, using the API's client entry", async (_, one) => {
    const operations = listOperations(loadBundledSpec(one));
    const samples = await readTypeScriptSamples(one, operations);
    expect([...samples.keys()].sort()).toEqual(operations.map((op) => op.operationId).sort());
    for (const source of samples.values()) expect(source).toContain(`from "@openregions/client/${one.name}"`);
  });

  describe("in a samples folder with a problem", () => {
    let dir: string;
    const scalingo = api("scalingo");
    const operations = listOperations(loadBundledSpec(scalingo));

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "openregions-samples-"));
      await mkdir(join(dir, "scalingo"));
      const good = `import { createScalingoClient } from "@openregions/client/scalingo";\n`;
      for (const op of operations.slice(2)) await writeFile(samplePath(scalingo, op.operationId, dir), good);
      await writeFile(samplePath(scalingo, operations[1]!.operationId, dir), `import { x } from "elsewhere";\n`);
      await writeFile(samplePath(scalingo, "listGhosts", dir), good);
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    test("fails, naming the missing sample, the foreign import and the orphan", async () => {
      const error = await readTypeScriptSamples(scalingo, operations, dir).then(
        () => undefined,
        (reason: Error) => reason.message,
      );
      expect(error).toContain(`missing ${samplePath(scalingo, operations[0]!.operationId, dir)}`);
      expect(error).toContain(`${samplePath(scalingo, operations[1]!.operationId, dir)} does not import from "@openregions/client/scalingo"`);
      expect(error).toContain("listGhosts.ts matches no operation of scalingo");
    });
  });
});

describe("docsSpec", () => {
  test.each(apis.map((one) => [one.name, one] as const))("%s: every operation gets curl and TypeScript samples; the bundle is untouched", async (_, one) => {
    const spec = loadBundledSpec(one);
    const before = JSON.stringify(spec);
    const typescript = await readTypeScriptSamples(one, listOperations(spec));
    const copy = docsSpec(one, spec, typescript, guides[one.name]);
    expect(JSON.stringify(spec)).toBe(before);
    for (const op of listOperations(copy)) {
      const samples = op.operation["x-codeSamples"] as CodeSample[];
      expect(samples.map((sample) => sample.label)).toEqual(["curl", "TypeScript"]);
      expect(samples[0]!.source).toMatch(/^curl /);
      expect(samples[1]!.source).toBe(typescript.get(op.operationId));
    }
    expect(copy.info.description).toContain(spec.info.description!.trim());
    expect(copy.info.description).toMatch(/## Getting started[\s\S]*pnpm mock --api/);
  });

  test("fails when an operation has no TypeScript sample", () => {
    const one = api("rainbond");
    expect(() => docsSpec(one, loadBundledSpec(one), new Map(), undefined)).toThrow(/no TypeScript sample for listRegions/);
  });
});
