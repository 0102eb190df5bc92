import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot, type ApiDefinition } from "./registry.js";

/** Folder that receives one bundled JSON document per API (a build output, never committed). */
export const bundleDir: string = join(repoRoot, "packages", "apis", "dist");

export function bundledSpecPath(api: Pick<ApiDefinition, "name">): string {
  return join(bundleDir, `${api.name}.json`);
}

/** A bundled OpenAPI document, typed just enough for the pipeline's own needs. */
export interface BundledSpec {
  openapi: string;
  info: { title: string; version: string; summary?: string; description?: string };
  servers?: Array<{ url: string; variables?: Record<string, { default: string }> }>;
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

const cache = new Map<string, BundledSpec>();

/** Reads the bundle written by `pnpm --filter @openregions/apis build`. */
export function loadBundledSpec(api: Pick<ApiDefinition, "name">): BundledSpec {
  const cached = cache.get(api.name);
  if (cached) return cached;
  const file = bundledSpecPath(api);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new Error(`${file} is missing: run "pnpm build" (it bundles every spec) first`);
  }
  const spec = JSON.parse(text) as BundledSpec;
  cache.set(api.name, spec);
  return spec;
}
