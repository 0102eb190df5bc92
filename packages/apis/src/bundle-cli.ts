/**
 * `pnpm --filter @openregions/apis build`: bundles every API of redocly.yaml into dist/<api>.json,
 * each API only when its spec folder (or redocly.yaml, or the Redocly CLI) changed since its
 * bundle was made (see incremental.ts). A spec's files live in its own folder (README "Adding an API").
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { bundleApi } from "./bundle.js";
import { bundleDir, bundledSpecPath } from "./bundled.js";
import { fingerprint, fingerprintTree, openFingerprints } from "./incremental.js";
import { apis, repoRoot } from "./registry.js";

const redoclyVersion = (createRequire(import.meta.url)("@redocly/cli/package.json") as { version: string }).version;
const config = readFileSync(join(repoRoot, "redocly.yaml"));
const bundler = readFileSync(new URL("./bundle.ts", import.meta.url));
const fingerprints = openFingerprints(join(bundleDir, ".fingerprints.json"));

const results = await Promise.all(
  apis.map(async (api) => {
    const print = fingerprint(redoclyVersion, bundler, config, api.root, fingerprintTree(dirname(api.root)));
    if (fingerprints.isFresh(api.name, print, [bundledSpecPath(api)])) return `unchanged ${relative(repoRoot, bundledSpecPath(api))}`;
    const output = await bundleApi(api);
    fingerprints.record(api.name, print);
    return `bundled ${relative(repoRoot, output)}`;
  }),
);
await fingerprints.save();
// a bundle of an API no longer listed goes
const listed = new Set(apis.map((api) => `${api.name}.json`));
for (const file of readdirSync(bundleDir)) if (file.endsWith(".json") && !file.startsWith(".") && !listed.has(file)) rmSync(join(bundleDir, file));
for (const result of results) console.log(result);
