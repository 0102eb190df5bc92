/**
 * The packages this repository publishes to npm, each with the @arethetypeswrong/cli options its
 * exports need. Every other workspace package is private. Publishing one more package is one
 * more line here (and `"private": true` off in its package.json).
 */
import { apis } from "@openregions/apis";

export interface Publishable {
  /** The package folder, relative to the repository root. */
  readonly dir: string;
  /** Extra `attw` arguments, e.g. the entry points a wildcard export hides from it. */
  readonly attw: readonly string[];
}

/**
 * The JSON files of one API in @openregions/specs, as package subpaths: the wildcard exports hide
 * them from attw. (TypeScript resolves no `.yaml` import, so attw cannot judge those; the specs
 * package's test resolves every file through the exports.)
 */
const specFiles = (name: string): string[] => [`./3.1/${name}.json`, `./3.0/${name}.json`];

export const PUBLISHABLE: readonly Publishable[] = [
  { dir: "packages/client", attw: ["--profile", "esm-only", "--include-entrypoints", ...apis.map((api) => `./${api.name}`)] },
  { dir: "packages/specs", attw: ["--profile", "esm-only", "--include-entrypoints", "./apis.json", ...apis.flatMap((api) => specFiles(api.name))] },
  { dir: "packages/mock", attw: ["--profile", "esm-only"] },
];
