import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, expect, test } from "vitest";
import { SAMPLE_LANGUAGES } from "../src/docs-spec.js";
import { HEADER_HEIGHT } from "../src/layout.js";
import { measureDocs } from "../src/measure.js";
import { redocOptions } from "../src/redoc-options.js";
import { localizeRedoc, offlineRedocBundle, readRedocBundle, REDOC_LOGO_ASSETS, sha384 } from "../src/redoc-bundle.js";

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

describe("measureDocs", () => {
  test("gives every page's and script's size, raw and gzip, index first", async () => {
    const dir = await mkdtemp(join(tmpdir(), "openregions-measure-"));
    try {
      await mkdir(join(dir, "assets"));
      const text = "<!doctype html>".repeat(100);
      await writeFile(join(dir, "b.html"), text);
      await writeFile(join(dir, "index.html"), "<!doctype html>");
      await writeFile(join(dir, "assets", "app.js"), "x");
      await writeFile(join(dir, "assets", "logo.svg"), "<svg/>");
      const sizes = await measureDocs(dir);
      expect(sizes.map((size) => size.file)).toEqual(["index.html", "b.html", "assets/app.js"]);
      expect(sizes[1]).toEqual({ file: "b.html", bytes: text.length, gzipBytes: gzipSync(text, { level: 9 }).length });
      expect(gunzipSync(gzipSync(text)).toString()).toBe(text);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
