/**
 * The size budget of each entry: `dist/<api>.js` with everything it exports, bundled by esbuild
 * for the browser (ESM, minified, `NODE_ENV=production`, openapi-fetch included) and gzipped at
 * level 9, the way `pnpm bench --only bundle` measures it, must not exceed its budget in
 * `size-budget.json`. Part of the package's `lint` task (after the build): prints one line per
 * entry and exits 1 when one is over, or when an entry has no budget.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { apis } from "@openregions/apis";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..");
const budgets = JSON.parse(readFileSync(join(root, "size-budget.json"), "utf8")) as Record<string, number | string>;

/** min+gzip bytes of `export * from <entry>`. */
async function gzipSize(entry: string): Promise<{ minified: number; gzip: number }> {
  const result = await build({
    stdin: { contents: `export * from ${JSON.stringify(entry)};`, resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    define: { "process.env.NODE_ENV": '"production"' },
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

let failed = false;
for (const api of apis) {
  const entry = join(root, "dist", `${api.name}.js`);
  if (!existsSync(entry)) {
    console.error(`size: dist/${api.name}.js is missing: build the package first`);
    failed = true;
    continue;
  }
  const budget = budgets[api.name];
  const { minified, gzip } = await gzipSize(entry);
  if (typeof budget !== "number") {
    console.error(`size: @openregions/client/${api.name} has no budget in size-budget.json (it is ${gzip} B min+gzip)`);
    failed = true;
    continue;
  }
  const over = gzip > budget;
  failed ||= over;
  console.log(`size: @openregions/client/${api.name} ${gzip} B min+gzip (minified ${minified} B), budget ${budget} B${over ? `: OVER by ${gzip - budget} B` : ""}`);
}
process.exit(failed ? 1 : 0);
