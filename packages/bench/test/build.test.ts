import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { COPIED_API, copyName, growApis, parseBashTimes, parseTurboSummary, redoneNote, removeOutputs, touchPathItem } from "../src/sections/build.js";

const dirs: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "bench-build-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("touchPathItem", () => {
  it("appends an x- extension (the bundle changes, the YAML stays valid) and restores the file byte for byte", async () => {
    const file = join(scratch(), "path.yaml");
    const original = Buffer.from("get:\r\n  summary: List regions\r\n  x: \"é\"", "utf8"); // CRLF, no final newline
    writeFileSync(file, original);
    const restore = await touchPathItem(file, "now");
    expect(parse(readFileSync(file, "utf8"))).toEqual({ get: { summary: "List regions", x: "é" }, "x-bench-touched": "now" });
    await restore();
    expect(readFileSync(file).equals(original)).toBe(true);
  });
});

describe("growApis", () => {
  it("adds copies of one spec, with their samples and a distinct mock port each, up to the total, keeping the comments of redocly.yaml", async () => {
    const clone = scratch();
    for (const dir of [join("spec", COPIED_API, "paths"), join("packages", "client", "samples", COPIED_API)]) mkdirSync(join(clone, dir), { recursive: true });
    writeFileSync(join(clone, "spec", COPIED_API, "openapi.yaml"), "openapi: 3.1.0\n");
    writeFileSync(join(clone, "packages", "client", "samples", COPIED_API, "listRegions.ts"), `import { x } from "@openregions/client/${COPIED_API}";\n`);
    writeFileSync(
      join(clone, "redocly.yaml"),
      `# the list\napis:\n  a: { root: spec/a/openapi.yaml, x-openregions: { mockPort: 4010 } }\n  ${COPIED_API}: { root: spec/${COPIED_API}/openapi.yaml, x-openregions: { mockPort: 4011 } }\nextends: [recommended]\n`,
    );
    await growApis(clone, 4);
    await growApis(clone, 5);
    const text = readFileSync(join(clone, "redocly.yaml"), "utf8");
    const config = parse(text) as { apis: Record<string, { root: string; "x-openregions": { mockPort: number } }> };
    expect(text).toMatch(/^# the list/);
    expect(Object.keys(config.apis)).toEqual(["a", COPIED_API, copyName(1), copyName(2), copyName(3)]);
    const ports = Object.values(config.apis).map((api) => api["x-openregions"].mockPort);
    expect(new Set(ports).size).toBe(ports.length);
    for (const index of [1, 2, 3]) {
      expect(config.apis[copyName(index)]!.root).toBe(`spec/${copyName(index)}/openapi.yaml`);
      expect(existsSync(join(clone, "spec", copyName(index), "openapi.yaml"))).toBe(true);
      expect(readFileSync(join(clone, "packages", "client", "samples", copyName(index), "listRegions.ts"), "utf8")).toBe(`import { x } from "@openregions/client/${copyName(index)}";\n`);
    }
  });
});

describe("removeOutputs", () => {
  it("removes each package's dist and generated folders, and nothing else", async () => {
    const clone = scratch();
    for (const dir of ["packages/a/dist/x", "packages/a/src/generated", "packages/a/src/keep", "packages/b/test/generated"]) mkdirSync(join(clone, dir), { recursive: true });
    await removeOutputs(clone);
    expect(existsSync(join(clone, "packages/a/dist"))).toBe(false);
    expect(existsSync(join(clone, "packages/a/src/generated"))).toBe(false);
    expect(existsSync(join(clone, "packages/b/test/generated"))).toBe(false);
    expect(existsSync(join(clone, "packages/a/src/keep"))).toBe(true);
  });
});

describe("parseTurboSummary", () => {
  it("reads the cached and total task counts", () => {
    expect(parseTurboSummary(" Tasks:    4 successful, 4 total\nCached:    4 cached, 4 total\n  Time:    80ms >>> FULL TURBO")).toEqual({ cached: 4, total: 4 });
    expect(parseTurboSummary("no summary")).toBeUndefined();
  });
});

describe("parseBashTimes", () => {
  it("adds the user and system time of the children's line, in ms", () => {
    expect(parseBashTimes("0m0.010s 0m0.005s\n1m2.500s 0m3.250s\n")).toBe(65_750);
    expect(parseBashTimes("garbage")).toBeUndefined();
  });
});

describe("redoneNote", () => {
  it("counts, per step, the APIs whose output was rewritten", () => {
    const names = ["a", "b"];
    const before = new Map([["packages/apis/dist/a.json", 1], ["packages/apis/dist/b.json", 1], ["packages/docs/dist/a.html", 0]]);
    const after = new Map([["packages/apis/dist/a.json", 2], ["packages/apis/dist/b.json", 1], ["packages/docs/dist/a.html", 5]]);
    expect(redoneNote(before, after, names)).toBe("bundle 1/2, types 0/2, 3.0 copy 0/2, docs page 1/2");
  });
});
