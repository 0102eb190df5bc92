/**
 * What each client costs a browser app: every client entry point (and the libraries it is
 * compared with) bundled for the browser, minified, then gzipped, as
 * @openregions/test-support/browser-bundle measures (the client's size budgets too). Sizes are
 * deterministic: one build each.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { apis } from "@openregions/apis";
import { bundleSize, wholeModule as whole, type BundleSize } from "@openregions/test-support/browser-bundle";
import { progress } from "../measure.js";
import { row, type Row } from "../report.js";
import { formatBytes } from "../stats.js";
import type { Section } from "./types.js";

const SECTION = "bundle size (esbuild, browser, minified + gzip -9)";
const BASELINE = "openapi-fetch";
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export const bundleSection: Section = {
  name: "bundle",
  summary: "minified + gzip size of each @openregions/client entry, openapi-fetch, axios and the official scalingo client",
  budgetSeconds: { full: 60, quick: 60 },
  async run() {
    const clientDist = join(packageRoot, "..", "client", "dist");
    const entries: Array<{ name: string; source: string; note?: string }> = [];
    for (const api of apis) {
      if (!existsSync(join(clientDist, `${api.name}.js`))) {
        progress(`bundle: @openregions/client/${api.name} is not built (no dist/${api.name}.js): skipped`);
        continue;
      }
      entries.push({ name: `@openregions/client/${api.name}`, source: whole(`@openregions/client/${api.name}`, false), note: "whole entry, openapi-fetch included" });
    }
    entries.push({ name: BASELINE, source: whole("openapi-fetch", true), note: "alone" });
    entries.push({ name: "axios", source: whole("axios", true), note: "browser build" });
    entries.push({ name: "scalingo (official)", source: whole("scalingo", true), note: "whole client, axios included" });

    const sizes = new Map<string, BundleSize>();
    for (const entry of entries) {
      progress(`bundle: ${entry.name}`);
      sizes.set(entry.name, await bundleSize(entry.source, packageRoot));
    }
    const base = sizes.get(BASELINE)!;
    return entries.map((entry): Row => {
      const size = sizes.get(entry.name)!;
      return row({
        section: SECTION,
        measure: entry.name,
        unit: "B",
        samples: [size.gzip],
        ratio: entry.name === BASELINE ? undefined : { samples: [size.gzip / base.gzip], baseline: BASELINE },
        note: `minified ${formatBytes(size.minified)}${entry.note ? `; ${entry.note}` : ""}`,
      });
    });
  },
};
