/**
 * Protects the specs against drifting from the source documents: every payload copied from the
 * vendors' documentation (vectors/<api>/*.json) must validate against the bundled schema of the
 * operation it belongs to, including the awkward ones (bare arrays, `None/v3/…` links, null
 * cert fields, missing optional fields, non-Latin aliases).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apis, loadBundledSpec } from "@openregions/apis";
import { createSpecValidator } from "../src/index.js";

interface Vector {
  source: string;
  operationId: string;
  status?: number;
  request?: boolean;
  mediaType?: string;
  value: unknown;
}

const vectorsDir = join(import.meta.dirname, "..", "vectors");

describe.each(apis.map((api) => [api.name, api] as const))("%s source payloads validate against the spec", (name, api) => {
  const validator = createSpecValidator(loadBundledSpec(api));
  const files = readdirSync(join(vectorsDir, name)).filter((file) => file.endsWith(".json"));

  it("has vectors", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)("%s", (file) => {
    const vector = JSON.parse(readFileSync(join(vectorsDir, name, file), "utf8")) as Vector;
    const { problems } = vector.request
      ? validator.checkRequestBody(vector.operationId, vector.value, vector.mediaType)
      : validator.checkResponse(vector.operationId, vector.status ?? 200, vector.mediaType ?? "application/json", vector.value);
    expect(problems, vector.source).toEqual([]);
  });
});
