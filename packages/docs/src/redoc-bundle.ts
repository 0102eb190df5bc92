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

/**
 * Points a page built by `redocly build-docs` at the local copy of Redoc. Fails when the page
 * expects another Redoc build than the one we serve (its integrity hash says which).
 */
export function localizeRedoc(html: string, bundle: Buffer, assetUrl: string): string {
  if (!CDN_SCRIPT.test(html)) throw new Error("build-docs output no longer loads Redoc from cdn.redocly.com");
  const expected = INTEGRITY.exec(html)?.[1];
  const actual = sha384(bundle);
  if (expected && expected !== actual) {
    throw new Error(`the page expects Redoc ${expected}, but @redocly/cli ships ${actual}`);
  }
  const localized = html.replace(CDN_SCRIPT, assetUrl);
  if (/https?:\/\/cdn\./.test(localized)) throw new Error("a CDN reference is left in the page");
  return localized;
}
