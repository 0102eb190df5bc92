import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** Size of one file of the site, as stored and as sent gzip-compressed. */
export interface PageSize {
  /** Path relative to the site's root, e.g. `scalingo.html`, `assets/redoc.standalone.js`. */
  readonly file: string;
  readonly bytes: number;
  /** gzip at level 9, what a static server with precompression would send. */
  readonly gzipBytes: number;
}

export async function measureFile(root: string, file: string): Promise<PageSize> {
  const content = await readFile(join(root, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/** Sizes of the built site's pages (`*.html`), scripts and stylesheets (`assets/*.js`, `assets/*.css`), index first. */
export async function measureDocs(root: string): Promise<PageSize[]> {
  const pages = (await readdir(root)).filter((name) => name.endsWith(".html"));
  const scripts = (await readdir(join(root, "assets")).catch(() => [] as string[])).filter((name) => name.endsWith(".js") || name.endsWith(".css"));
  const files = [...pages.sort((a, b) => (a === "index.html" ? -1 : b === "index.html" ? 1 : a.localeCompare(b))), ...scripts.sort().map((name) => `assets/${name}`)];
  return Promise.all(files.map((file) => measureFile(root, file)));
}
