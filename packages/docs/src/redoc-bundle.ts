import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Where the page loads Redoc from; the same file for every page, served by the site itself. */
export const REDOC_ASSET = "assets/redoc.standalone.js";

/**
 * The Redoc bundle that @redocly/cli ships (the very file its pages load from cdn.redocly.com,
 * byte for byte), so the site works offline and serves it once for every page.
 */
export function readRedocBundle(): Buffer {
  const cliRoot = dirname(createRequire(import.meta.url).resolve("@redocly/cli/package.json"));
  return readFileSync(join(cliRoot, "lib", "chunks", "redoc.standalone.js"));
}

export function sha384(content: Buffer): string {
  return `sha384-${createHash("sha384").update(content).digest("base64")}`;
}

const CDN_SCRIPT = /https:\/\/cdn\.redocly\.com\/redoc\/v[\d.]+\/bundles\/redoc\.standalone\.js/g;
const INTEGRITY = /integrity="(sha384-[A-Za-z0-9+/=]+)"/;

/** Redoc's sidebar footer shows Redocly's logo from cdn.redoc.ly; the site serves a local one instead. */
const CDN_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/(logo-mini(?:-full)?)\.svg/g;

const wordmark = (text: string, width: number): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16"><text x="0" y="12.5" font-family="system-ui, sans-serif" font-size="13" font-weight="700" fill="#0044d4">${text}</text></svg>\n`;

/** The local logos that replace the CDN ones, by asset path (relative to the site's root). */
export const REDOC_LOGO_ASSETS: Readonly<Record<string, string>> = {
  "assets/redocly-logo-mini.svg": wordmark("R", 12),
  "assets/redocly-logo-mini-full.svg": wordmark("Redocly", 56),
};

/**
 * The Redoc bundle the site serves: the CLI's, with its only load from a CDN (the logo) pointed at
 * a local asset. Fails when that URL is gone, so a new Redoc gets looked at (the browser test
 * catches any other request that would leave the site).
 */
export function offlineRedocBundle(bundle: Buffer): Buffer {
  const text = bundle.toString("utf8");
  if (text.search(CDN_LOGO) === -1) throw new Error("Redoc no longer loads its logo from cdn.redoc.ly: check what it loads now");
  return Buffer.from(text.replace(CDN_LOGO, (_, name: string) => `assets/redocly-${name}.svg`), "utf8");
}

/**
 * Points a page built by `redocly build-docs` at the local copy of Redoc. Fails when the page
 * expects another Redoc build than the one @redocly/cli ships (its integrity hash says which);
 * the page then pins the bundle actually served (`served`, see offlineRedocBundle).
 */
export function localizeRedoc(html: string, shipped: Buffer, assetUrl: string, served: Buffer = shipped): string {
  if (html.search(CDN_SCRIPT) === -1) throw new Error("build-docs output no longer loads Redoc from cdn.redocly.com");
  const expected = INTEGRITY.exec(html)?.[1];
  const actual = sha384(shipped);
  if (expected && expected !== actual) {
    throw new Error(`the page expects Redoc ${expected}, but @redocly/cli ships ${actual}`);
  }
  const localized = html.replace(CDN_SCRIPT, assetUrl).replace(INTEGRITY, `integrity="${sha384(served)}"`);
  if (/https?:\/\/cdn\./.test(localized)) throw new Error("a CDN reference is left in the page");
  return localized;
}
