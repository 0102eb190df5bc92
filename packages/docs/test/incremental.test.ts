/**
 * Protects the docs build's per-page incremental work: rebuilding into the same folder with no
 * change runs `redocly build-docs` for no page, a page that went missing is rebuilt alone, and a
 * page of an API no longer listed is removed.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apis } from "@openregions/apis";
import { buildDocs, type DocsBuild } from "../src/build.js";

let outDir: string;
let first: DocsBuild;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "openregions-docs-incremental-"));
  first = await buildDocs(outDir);
}, 120_000);

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe("buildDocs into a folder it built before", () => {
  test("the first build builds every page", () => {
    expect(first.built).toEqual(apis.map((api) => api.name));
  });

  test("with no change it builds no page and leaves every page as it was", async () => {
    const pages = await Promise.all(first.apis.map((api) => readFile(join(outDir, api.page), "utf8")));
    const again = await buildDocs(outDir);
    expect(again.built).toEqual([]);
    expect(await Promise.all(first.apis.map((api) => readFile(join(outDir, api.page), "utf8")))).toEqual(pages);
  });

  test("rebuilds only a page that went missing, and removes the page of an API no longer listed", async () => {
    const [gone] = first.apis;
    await rm(join(outDir, gone!.page));
    await writeFile(join(outDir, "retired-api.html"), "<!doctype html>");
    const again = await buildDocs(outDir);
    expect(again.built).toEqual([gone!.name]);
    expect(existsSync(join(outDir, gone!.page))).toBe(true);
    expect(existsSync(join(outDir, "retired-api.html"))).toBe(false);
  }, 60_000);
});
