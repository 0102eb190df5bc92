import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { SAMPLE_LANGUAGES } from "../src/docs-spec.js";
import { HEADER_HEIGHT } from "../src/layout.js";
import { measureDocs } from "../src/measure.js";
import { redocOptions } from "../src/redoc-options.js";
import { localizeRedoc, offlineRedocBundle, readRedocBundle, REDOC_LOGO_ASSETS, sha384 } from "../src/redoc-bundle.js";
import { isSharedStylesheet, linkedStylesheets, shareRedocStyles } from "../src/shared-styles.js";

describe("the Redoc bundle the site serves", () => {
  const shipped = readRedocBundle();
  const served = offlineRedocBundle(shipped);
  const page = (integrity: string) =>
    `<link rel="modulepreload" href="https://cdn.redocly.com/redoc/v3.0.1/bundles/redoc.standalone.js" integrity="${integrity}" crossorigin="anonymous" /><script type="module">import { hydrate } from "https://cdn.redocly.com/redoc/v3.0.1/bundles/redoc.standalone.js";</script>`;

  test("loads nothing from a CDN: its logo is one of the site's assets", () => {
    expect(served.toString("utf8")).not.toMatch(/https:\/\/cdn\.redoc\.ly\/|https:\/\/cdn\.redocly\.com\/redoc\//);
    for (const asset of Object.keys(REDOC_LOGO_ASSETS)) expect(served.toString("utf8")).toContain(asset);
  });

  test("the page loads the local copy, pinned to the bytes served", () => {
    const html = localizeRedoc(page(sha384(shipped)), shipped, "./assets/redoc.standalone.js", served);
    expect(html).toContain('href="./assets/redoc.standalone.js"');
    expect(html).toContain('from "./assets/redoc.standalone.js"');
    expect(html).toContain(`integrity="${sha384(served)}"`);
    expect(html).not.toContain("cdn.");
  });

  test("fails when the page expects another Redoc than the CLI ships", () => {
    expect(() => localizeRedoc(page("sha384-AAAA"), shipped, "./x.js", served)).toThrow(/expects Redoc sha384-AAAA/);
  });
});

describe("shareRedocStyles", () => {
  const page = (css: string) => `<head><style>:root{}</style><style data-styled="true" data-styled-version="6.4.2">${css}</style></head><body></body>`;

  test("moves the server-rendered styles into a stylesheet named by its content, which the page links", () => {
    const shared = shareRedocStyles(page(".a{color:red}"));
    expect(shared.css).toBe(".a{color:red}");
    expect(shared.file).toMatch(/^assets\/redoc-[0-9a-f]{16}\.css$/);
    expect(shared.html).toBe(`<head><style>:root{}</style><link rel="stylesheet" href="./${shared.file}"></head><body></body>`);
    expect(linkedStylesheets(shared.html)).toEqual([shared.file]);
    expect(isSharedStylesheet(shared.file.split("/")[1]!)).toBe(true);
    expect(isSharedStylesheet("site.css")).toBe(false);
  });

  test("the same styles give the same file, other styles another", () => {
    expect(shareRedocStyles(page(".a{}")).file).toBe(shareRedocStyles(`<p></p>${page(".a{}")}`).file);
    expect(shareRedocStyles(page(".b{}")).file).not.toBe(shareRedocStyles(page(".a{}")).file);
  });

  test("fails on a page without them", () => {
    expect(() => shareRedocStyles("<head><style>:root{}</style></head>")).toThrow(/no <style data-styled="true">/);
  });
});

describe("redocOptions", () => {
  test("keeps the configured options, the API's own last, and adds the header offset and sample languages", () => {
    const config = `openapi: { hideLoading: true, codeSamples: { languages: [{ lang: Python }] } }\napis:\n  x:\n    root: x.yaml\n    openapi: { hideLoading: false, sortRequiredPropsFirst: true }\n`;
    const options = redocOptions("x", config);
    expect(options).toMatchObject({ hideLoading: false, sortRequiredPropsFirst: true, scrollYOffset: HEADER_HEIGHT });
    expect(options["codeSamples"]).toEqual({ languages: [...SAMPLE_LANGUAGES, { lang: "Python" }] });
  });

  test("works with the repo's redocly.yaml", () => {
    expect(redocOptions("scalingo")).toMatchObject({ scrollYOffset: HEADER_HEIGHT, codeSamples: { languages: SAMPLE_LANGUAGES } });
  });
});

/** A page-like text with some entropy (seeded, so the sizes are stable), and multi-byte characters. */
function pageText(words: number): string {
  const vocabulary = ["region", "osc-fr1", "scalingo", "token", "Région", "地域", "api", "ssh", "default", "paris"];
  let seed = 1;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  let text = "<!doctype html>";
  for (let i = 0; i < words; i++) text += vocabulary[next() % vocabulary.length] + (next() % 7 === 0 ? "\n" : " ");
  return text;
}

describe("measureDocs", () => {
  test("lists the pages, index first then by name, then the scripts and stylesheets; nothing else", async () => {
    const dir = await mkdtemp(join(tmpdir(), "openregions-measure-"));
    try {
      await mkdir(join(dir, "assets"));
      await mkdir(join(dir, "nested"));
      for (const file of ["b.html", "a.html", "index.html", "notes.txt", "nested/deep.html", "assets/z.js", "assets/app.js", "assets/site.css", "assets/logo.svg", "assets/app.js.map"]) {
        await writeFile(join(dir, file), "<!doctype html>");
      }
      expect((await measureDocs(dir)).map((size) => size.file)).toEqual(["index.html", "a.html", "b.html", "assets/app.js", "assets/site.css", "assets/z.js"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("counts bytes, not characters, and gzip at level 9 (what it documents), not the default level", async () => {
    const dir = await mkdtemp(join(tmpdir(), "openregions-measure-"));
    try {
      const text = pageText(20_000);
      await writeFile(join(dir, "index.html"), text);
      const [index] = await measureDocs(dir);
      const bytes = Buffer.byteLength(text);
      expect(bytes).toBeGreaterThan(text.length); // the fixture has multi-byte characters
      expect(index!.bytes).toBe(bytes);
      // Level 9 and the default level differ on this text: the figure must be level 9's.
      const [level9, defaultLevel] = [gzipSync(text, { level: 9 }).length, gzipSync(text).length];
      expect(level9).toBeLessThan(defaultLevel);
      expect(index!.gzipBytes).toBe(level9);
      expect(index!.gzipBytes).toBeLessThan(bytes / 5);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test("measures an empty site as nothing, and a site without scripts by its pages alone", async () => {
    const dir = await mkdtemp(join(tmpdir(), "openregions-measure-"));
    try {
      expect(await measureDocs(dir)).toEqual([]);
      await writeFile(join(dir, "index.html"), "");
      // An empty file still costs gzip's header and trailer.
      expect(await measureDocs(dir)).toEqual([{ file: "index.html", bytes: 0, gzipBytes: gzipSync("", { level: 9 }).length }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
