/**
 * The size budget of each entry: `dist/<api>.js` with everything it exports, openapi-fetch
 * included, measured as @openregions/test-support/browser-bundle measures it (as `pnpm bench
 * --only bundle` does), must not exceed its budget in
 * `size-budget.json`. Part of the package's `lint` task (after the build): prints one line per
 * entry and exits 1 when one is over, or when an entry has no budget.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { apis } from "@openregions/apis";
import { bundleSize, wholeModule } from "@openregions/test-support/browser-bundle";

const root = join(import.meta.dirname, "..");
const budgets = JSON.parse(readFileSync(join(root, "size-budget.json"), "utf8")) as Record<string, number | string>;

let failed = false;
for (const api of apis) {
  const entry = join(root, "dist", `${api.name}.js`);
  if (!existsSync(entry)) {
    console.error(`size: dist/${api.name}.js is missing: build the package first`);
    failed = true;
    continue;
  }
  const budget = budgets[api.name];
  const { minified, gzip } = await bundleSize(wholeModule(entry), root);
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
