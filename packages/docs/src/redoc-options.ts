import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { repoRoot } from "@openregions/apis";
import { SAMPLE_LANGUAGES } from "./docs-spec.js";
import { HEADER_HEIGHT } from "./layout.js";

type Options = Record<string, unknown>;

const isRecord = (value: unknown): value is Options => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The Redoc options `redocly build-docs <api>` would use (redocly.yaml's root `openapi` section,
 * then the API's own), plus the offset that keeps headings below the site's shared header.
 * The languages of the generated samples are added to `codeSamples.languages`, or Redoc would
 * hide them. Needed because the pages are built from a file, not an API name, and `--openapi` replaces
 * the configured options instead of adding to them.
 */
export function redocOptions(apiName: string, configText: string = readFileSync(join(repoRoot, "redocly.yaml"), "utf8")): Options {
  const config: unknown = parse(configText);
  const root = isRecord(config) && isRecord(config["openapi"]) ? config["openapi"] : {};
  const apis = isRecord(config) && isRecord(config["apis"]) ? config["apis"] : {};
  const api = isRecord(apis[apiName]) && isRecord(apis[apiName]["openapi"]) ? apis[apiName]["openapi"] : {};
  const options: Options = { ...root, ...api, scrollYOffset: HEADER_HEIGHT };
  const codeSamples = isRecord(options["codeSamples"]) ? options["codeSamples"] : {};
  const configured = Array.isArray(codeSamples["languages"]) ? (codeSamples["languages"] as unknown[]) : [];
  options["codeSamples"] = { ...codeSamples, languages: [...SAMPLE_LANGUAGES, ...configured] };
  return options;
}
