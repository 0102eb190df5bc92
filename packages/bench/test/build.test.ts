import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseTurboSummary, touchSpec } from "../src/sections/build.js";

const dirs: string[] = [];
function scratchFile(content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "bench-touch-"));
  dirs.push(dir);
  const file = join(dir, "spec.yaml");
  writeFileSync(file, content);
  return file;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("touchSpec", () => {
  it("appends a YAML comment and restores the file byte for byte", () => {
    const original = Buffer.from("get:\r\n  summary: List regions\r\n  x: \"é\"", "utf8"); // CRLF, no final newline
    const file = scratchFile(original);
    const restore = touchSpec(file, "now");
    const touched = readFileSync(file, "utf8");
    expect(touched.startsWith(original.toString("utf8"))).toBe(true);
    expect(touched.endsWith("\n# touched by pnpm bench at now\n")).toBe(true);
    restore();
    expect(readFileSync(file).equals(original)).toBe(true);
  });

  it("takes only its comment out when someone else edited the file meanwhile", () => {
    const file = scratchFile("a: 1\n");
    const restore = touchSpec(file, "now");
    writeFileSync(file, `b: 2\n${readFileSync(file, "utf8")}`);
    restore();
    expect(readFileSync(file, "utf8")).toBe("b: 2\na: 1\n");
  });

  it("leaves a file alone once its comment is gone, and restores only once", () => {
    const file = scratchFile("a: 1\n");
    const restore = touchSpec(file, "now");
    writeFileSync(file, "rewritten: true\n");
    restore();
    expect(readFileSync(file, "utf8")).toBe("rewritten: true\n");
    writeFileSync(file, "again: true\n");
    restore();
    expect(readFileSync(file, "utf8")).toBe("again: true\n");
  });
});

describe("parseTurboSummary", () => {
  it("reads the cached and total task counts", () => {
    expect(parseTurboSummary(" Tasks:    4 successful, 4 total\nCached:    4 cached, 4 total\n  Time:    80ms >>> FULL TURBO")).toEqual({ cached: 4, total: 4 });
    expect(parseTurboSummary("no summary")).toBeUndefined();
  });
});
