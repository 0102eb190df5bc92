import { listOperations, type ApiDefinition, type BundledSpec } from "@openregions/apis";
import { curlSample } from "./curl.js";
import { gettingStarted } from "./getting-started.js";
import type { ApiGuide } from "./guides.js";
import { defaultServerUrl } from "./server-url.js";

/** One entry of Redoc's `x-codeSamples`. */
export interface CodeSample {
  readonly lang: string;
  readonly label: string;
  readonly source: string;
}

/** The code samples of one operation: curl from the spec's examples, then the TypeScript sample file. */
export function operationSamples(curl: string, typescript: string): CodeSample[] {
  return [
    { lang: "Shell", label: "curl", source: curl },
    { lang: "TypeScript", label: "TypeScript", source: typescript },
  ];
}

/**
 * Redoc's `codeSamples.languages`: Redoc shows only the samples whose label is in this list (its
 * default list has no TypeScript), plus "Payload", the request body example.
 */
export const SAMPLE_LANGUAGES: ReadonlyArray<{ lang: string; label: string }> = [
  ...operationSamples("", "").map(({ lang, label }) => ({ lang: label === "curl" ? "curl" : lang, label })),
  { lang: "Payload", label: "Payload" },
];

/**
 * The copy of a bundled spec that the reference page is built from: every operation gets
 * `x-codeSamples` (after any the spec has), and the description ends with "Getting started".
 * The bundled spec itself is left untouched.
 */
export function docsSpec(
  api: ApiDefinition,
  spec: BundledSpec,
  typescript: ReadonlyMap<string, string>,
  guide: ApiGuide | undefined,
): BundledSpec {
  const copy = structuredClone(spec);
  const baseUrl = defaultServerUrl(spec) ?? "http://localhost";
  for (const op of listOperations(copy)) {
    const source = typescript.get(op.operationId);
    if (source === undefined) throw new Error(`${api.name}: no TypeScript sample for ${op.operationId}`);
    const curl = curlSample(copy, op, { apiName: api.name, baseUrl, credentials: guide?.curlCredentials });
    const existing = (op.operation["x-codeSamples"] as CodeSample[] | undefined) ?? [];
    op.operation["x-codeSamples"] = [...existing, ...operationSamples(curl.source, source)];
  }
  const description = copy.info.description?.trimEnd();
  copy.info.description = [description, gettingStarted(api, spec, guide)].filter(Boolean).join("\n\n");
  return copy;
}
