/**
 * How this repository measures what code costs a browser app, in one place: bundled by esbuild
 * for the browser (ESM, minified, `NODE_ENV=production`, es2022), then gzipped at level 9. The
 * client's size budgets (`pnpm lint`), its size breakdown and `pnpm bench --only bundle` all
 * measure this way, so their figures agree.
 */
import { gzipSync } from "node:zlib";
import { build, type BuildOptions, type OutputFile } from "esbuild";

export interface BundleSize {
  readonly minified: number;
  readonly gzip: number;
}

/** gzip -9 size of some bytes, what a static server with precompression sends. */
export const gzipBytes = (content: string | Uint8Array): number => gzipSync(content, { level: 9 }).byteLength;

/** Bundles `source` (an ES module; bare and relative imports resolved from `resolveDir`) for the browser; `extra` adds options (a source map, say). */
export async function browserBundle(source: string, resolveDir: string, extra: BuildOptions = {}): Promise<OutputFile[]> {
  const result = await build({
    stdin: { contents: source, resolveDir, sourcefile: "entry.js", loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    define: { "process.env.NODE_ENV": '"production"' },
    write: false,
    logLevel: "silent",
    ...extra,
  });
  const outputs = result.outputFiles ?? [];
  if (outputs.length === 0) throw new Error("esbuild wrote no output");
  return outputs;
}

/** Minified and min+gzip size of `source` bundled for the browser (see browserBundle). */
export async function bundleSize(source: string, resolveDir: string): Promise<BundleSize> {
  const code = (await browserBundle(source, resolveDir)).find((file) => file.path.endsWith(".js") || file.path === "<stdout>")!.contents;
  return { minified: code.byteLength, gzip: gzipBytes(code) };
}

/** `export *` from a module (plus its default export when it has one): everything it offers, as an app importing it would keep at most. */
export const wholeModule = (specifier: string, hasDefault = false): string =>
  `export * from ${JSON.stringify(specifier)};${hasDefault ? ` export { default } from ${JSON.stringify(specifier)};` : ""}`;
