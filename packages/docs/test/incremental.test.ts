/**
 * Protects the docs build's per-page incremental work: rebuilding into the same folder with no
 * change runs `redocly build-docs` for no page, a page that went missing is rebuilt alone, and a
 * page of an API no longer listed is removed; Redoc's styles are one stylesheet every page links,
 * kept while a page links it and removed once none does.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apis } from "@openregions/apis";
import { buildDocs, type DocsBuild } from "../src/build.js";
import { linkedStylesheets } from "../src/shared-styles.js";

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

  test("every page links the same Redoc stylesheet and inlines none; a stylesheet no page links goes, a missing one rebuilds its pages", async () => {
    const pages = await Promise.all(first.apis.map((api) => readFile(join(outDir, api.page), "utf8")));
    for (const page of pages) expect(page).not.toContain('<style data-styled="true"');
    const linked = [...new Set(pages.flatMap(linkedStylesheets))];
    expect(linked).toHaveLength(1);
    expect((await readFile(join(outDir, linked[0]!), "utf8")).length).toBeGreaterThan(10_000);
    await writeFile(join(outDir, "assets", "redoc-0000000000000000.css"), "a{}");
    await rm(join(outDir, linked[0]!));
    const again = await buildDocs(outDir);
    expect(again.built).toEqual(apis.map((api) => api.name));
    expect((await readdir(join(outDir, "assets"))).filter((name) => name.endsWith(".css"))).toEqual([linked[0]!.split("/")[1]]);
    expect(again.pages.map((page) => page.file)).toContain(linked[0]);
  }, 60_000);
});
