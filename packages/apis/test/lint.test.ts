/**
 * Protects the promise that a malformed spec fails lint with the file and the line: a copy of
 * the Scalingo spec is broken in two ways and linted with the repo's own rules.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { redocly, repoRoot } from "../src/index.js";

const work = mkdtempSync(join(tmpdir(), "openregions-lint-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function copySpec(): string {
  const dir = mkdtempSync(join(work, "spec-"));
  cpSync(join(repoRoot, "spec", "scalingo"), dir, { recursive: true });
  const config = readFileSync(join(repoRoot, "redocly.yaml"), "utf8").replace(/^apis:[\s\S]*?\n(?=\S)/m, "");
  writeFileSync(join(dir, "redocly.yaml"), config);
  return dir;
}

async function lint(dir: string): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await redocly(["lint", join(dir, "openapi.yaml"), "--config", join(dir, "redocly.yaml"), "--format", "stylish"]);
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

describe("redocly lint with the repo's rules", () => {
  it("passes on the untouched copy", async () => {
    const result = await lint(copySpec());
    expect(result.output).not.toMatch(/error/i);
    expect(result.ok).toBe(true);
  });

  it("fails on an example that breaks its schema, naming the file and line", async () => {
    const dir = copySpec();
    const file = join(dir, "components", "schemas", "Region.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("- osc-fr1", "- 42"));
    const result = await lint(dir);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/components\/schemas\/Region\.yaml:\s*\n?\s*9:\d+\s+error\s+no-invalid-schema-examples/);
  });

  it("fails on broken YAML, naming the file and line", async () => {
    const dir = copySpec();
    writeFileSync(join(dir, "paths", "v1_regions.yaml"), "get:\n  operationId: listRegions\n  summary: [unclosed\n");
    const result = await lint(dir);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/paths\/v1_regions\.yaml:\s*\n\s*4:1\s+error/);
  });

  it("fails on a DELETE whose operationId does not say delete, with the rule's advice", async () => {
    const dir = copySpec();
    const file = join(dir, "paths", "v1_keys_{id}.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("operationId: deleteKey", "operationId: removeKey"));
    const result = await lint(dir);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/v1_keys_\{id\}\.yaml:\s*\n?\s*\d+:\d+\s+error\s+rule\/delete-operation-id-verb\s+a DELETE operationId starts with delete/);
  });
});
