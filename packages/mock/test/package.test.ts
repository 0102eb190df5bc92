/**
 * Protects what makes the package installable: the API list and specs come from
 * @openregions/specs (the same source in this repository and in node_modules), every platform
 * module is listed (the published bundle carries only the listed ones), and the build's output
 * neither reads the repository nor exposes the private @openregions/apis in its types.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { listApis, specPath } from "@openregions/specs";
import { describe, expect, it } from "vitest";
import { getMockApi, mockApis } from "../src/apis.js";
import { PLATFORMS } from "../src/platforms/index.js";

const here = import.meta.dirname;
const dist = join(here, "..", "dist");

describe("the package", () => {
  it("serves the APIs of @openregions/specs, on their mock ports, from its OpenAPI 3.1 files", () => {
    expect(mockApis()).toEqual(listApis().map((entry) => ({ name: entry.name, mockPort: entry.mockPort, specPath: specPath(entry.name) })));
    expect(() => getMockApi("nope")).toThrow(/unknown API "nope"; known: scalingo/);
  });

  it("lists every platform module of src/platforms under its file name", () => {
    const files = readdirSync(join(here, "..", "src", "platforms")).filter((file) => file.endsWith(".ts") && file !== "index.ts");
    expect(Object.keys(PLATFORMS).sort()).toEqual(files.map((file) => file.replace(/\.ts$/, "")).sort());
  });

  it("builds a bundle that never reads the repository, with a node bin and declarations of its own", () => {
    const manifest = JSON.parse(readFileSync(join(here, "..", "package.json"), "utf8")) as { publishConfig: { bin: Record<string, string>; exports: Record<string, { types: string }> } };
    const bin = join(here, "..", manifest.publishConfig.bin["openregions-mock"]!);
    expect(readFileSync(bin, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
    const js = readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".js"));
    for (const file of js) expect(readFileSync(join(dist, file), "utf8"), file).not.toMatch(/redocly\.yaml|@openregions\/apis/);
    const dts = readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".d.ts"));
    expect(existsSync(join(here, "..", manifest.publishConfig.exports["."]!.types))).toBe(true);
    for (const file of dts) expect(readFileSync(join(dist, file), "utf8"), file).not.toMatch(/@openregions\/apis/);
  });
});
