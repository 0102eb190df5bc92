/**
 * The docs site: how long `buildDocs()` takes (into a temporary folder, so the site in
 * packages/docs/dist is left alone), and what each page weighs, raw and gzipped: one page per
 * API, the index, and the scripts (Redoc's, the Try it panels') and the stylesheet every page shares.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { apis } from "@openregions/apis";
import { buildDocs } from "@openregions/docs";
import { progress } from "../measure.js";
import { row, type Row } from "../report.js";
import { formatBytes } from "../stats.js";
import type { Section } from "./types.js";

const SECTION = "docs (buildDocs, Redoc)";

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

export interface FileSize {
  readonly file: string;
  readonly raw: number;
  readonly gzip: number;
}

/** Raw and gzip -9 size of every file of a built site. */
export async function siteSizes(dir: string): Promise<FileSize[]> {
  const sizes: FileSize[] = [];
  for (const file of await filesUnder(dir)) {
    const content = await readFile(join(dir, file));
    sizes.push({ file, raw: content.byteLength, gzip: gzipSync(content, { level: 9 }).byteLength });
  }
  return sizes;
}

export const docsSection: Section = {
  name: "docs",
  summary: "buildDocs() time, and raw/gzip size of each API page, the index and the scripts and stylesheet every page shares",
  budgetSeconds: { full: 90, quick: 45 },
  async run({ quick, until }) {
    const runs = quick ? 1 : 3;
    const times: number[] = [];
    let sizes: FileSize[] = [];
    for (let i = 0; i < runs && (i === 0 || !until.passed()); i++) {
      const dir = await mkdtemp(join(tmpdir(), "openregions-bench-docs-"));
      try {
        const t0 = performance.now();
        await buildDocs(dir);
        times.push((performance.now() - t0) / 1000);
        progress(`docs: build ${i + 1}/${runs}: ${times.at(-1)!.toFixed(1)} s`);
        if (i === 0) sizes = await siteSizes(dir);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }

    const rows: Row[] = [
      row({ section: SECTION, measure: "build: buildDocs()", unit: "s", samples: times, note: `into a temp dir; ${sizes.length} files` }),
    ];
    const apiPages = apis.map((api) => `${api.name}.html`);
    const isShared = (file: string): boolean => /^assets\/[^/]+\.(js|css)$/.test(file);
    const pick = (files: readonly string[]) => files.map((file) => sizes.find((size) => size.file === file)).filter((size) => size !== undefined);
    const shown: Array<{ size: FileSize; what: string }> = [
      ...pick(apiPages).map((size) => ({ size, what: "API page" })),
      ...pick(["index.html"]).map((size) => ({ size, what: "index" })),
      ...sizes.filter((size) => size.file.endsWith(".html") && size.file !== "index.html" && !apiPages.includes(size.file)).map((size) => ({ size, what: "page" })),
      ...sizes.filter((size) => isShared(size.file)).map((size) => ({ size, what: `shared ${size.file.endsWith(".css") ? "stylesheet" : "script"} (every API page loads it, once for the site)` })),
    ];
    for (const { size, what } of shown) {
      rows.push(row({ section: SECTION, measure: `size: ${size.file}`, unit: "B", samples: [size.gzip], note: `gzip -9; raw ${formatBytes(size.raw)}; ${what}` }));
    }
    const others = sizes.filter((size) => !shown.some((entry) => entry.size === size));
    if (others.length > 0) {
      const sum = others.reduce((acc, size) => ({ raw: acc.raw + size.raw, gzip: acc.gzip + size.gzip }), { raw: 0, gzip: 0 });
      rows.push(row({ section: SECTION, measure: `size: ${others.length} other assets`, unit: "B", samples: [sum.gzip], note: `gzip -9; raw ${formatBytes(sum.raw)}; ${others.map((size) => size.file.split("/").pop()).join(", ")}` }));
    }
    const total = sizes.reduce((sum, size) => ({ raw: sum.raw + size.raw, gzip: sum.gzip + size.gzip }), { raw: 0, gzip: 0 });
    rows.push(row({ section: SECTION, measure: "size: whole site", unit: "B", samples: [total.gzip], note: `gzip -9, file by file; raw ${formatBytes(total.raw)}` }));
    return rows;
  },
};
