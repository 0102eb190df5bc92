/**
 * docs/screenshot.png for the README: the portal and a reference page (an operation with its
 * TypeScript sample) side by side, taken in Chromium from a fresh build.
 * Run: pnpm --filter @openregions/docs screenshot
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { repoRoot } from "@openregions/apis";
import { buildDocs } from "../src/build.js";
import { SAMPLE_LANGUAGES } from "../src/docs-spec.js";
import { serveStatic } from "../src/serve.js";
import { launchChromium } from "@openregions/test-support/chromium";
import { renderedOperations, requestPanel, showOperation, showSample } from "../test/support/redoc.js";

const output = join(repoRoot, "docs", "screenshot.png");
const outDir = await mkdtemp(join(tmpdir(), "openregions-screenshot-"));
const browser = await launchChromium();
try {
  await buildDocs(outDir);
  const site = await serveStatic(outDir, 0);
  try {
    const page = await browser.context.newPage();
    await page.goto(`${site.url}/`, { waitUntil: "networkidle" });
    const index = await page.screenshot();
    await page.goto(`${site.url}/scalingo.html`, { waitUntil: "networkidle" });
    const isListRegions = (op: { title: string }): boolean => op.title === "List regions";
    const listRegions = (await renderedOperations(page, isListRegions)).find(isListRegions);
    if (!listRegions) throw new Error("the Scalingo page shows no \"List regions\" operation");
    const section = await showOperation(page, listRegions.id);
    await showSample(page, requestPanel(section), SAMPLE_LANGUAGES.map((language) => language.label), "TypeScript");
    await page.evaluate(() => window.scrollBy(0, -24));
    const reference = await page.screenshot();
    const image = (png: Buffer) => `<img src="data:image/png;base64,${png.toString("base64")}">`;
    await page.setViewportSize({ width: 1600, height: 540 });
    await page.setContent(`<!doctype html><style>
      body { margin: 0; background: #e2e8f0; }
      main { display: flex; gap: 24px; padding: 24px; }
      img { width: 764px; border-radius: 8px; box-shadow: 0 4px 18px #0f172a40; }
    </style><main>${image(index)}${image(reference)}</main>`);
    await mkdir(dirname(output), { recursive: true });
    await page.locator("main").screenshot({ path: output });
    console.log(`wrote ${output}`);
  } finally {
    await site.close();
  }
} finally {
  await browser.close();
  await rm(outDir, { recursive: true, force: true });
}
