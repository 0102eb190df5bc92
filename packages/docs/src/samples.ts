import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { repoRoot, type ApiDefinition, type OperationInfo } from "@openregions/apis";

/**
 * The TypeScript samples: one file per operation, `<api>/<operationId>.ts`, type-checked with the
 * client package (`tsc -p packages/client/samples`). Read here as text, so the docs build does not
 * depend on the client build.
 */
export const samplesDir: string = join(repoRoot, "packages", "client", "samples");

export function samplePath(api: Pick<ApiDefinition, "name">, operationId: string, dir: string = samplesDir): string {
  return join(dir, api.name, `${operationId}.ts`);
}

/**
 * Reads the sample of every operation, keyed by operationId. Fails, naming every file, when an
 * operation has no sample, when a sample has no operation, or when a sample does not use the
 * API's own client entry.
 */
export async function readTypeScriptSamples(
  api: Pick<ApiDefinition, "name">,
  operations: readonly OperationInfo[],
  dir: string = samplesDir,
): Promise<Map<string, string>> {
  const problems: string[] = [];
  const samples = new Map<string, string>();
  const entry = `@openregions/client/${api.name}`;
  for (const op of operations) {
    const file = samplePath(api, op.operationId, dir);
    const source = await readFile(file, "utf8").catch(() => undefined);
    if (source === undefined) problems.push(`missing ${file} (a sample for ${op.method.toUpperCase()} ${op.path})`);
    else if (!source.includes(`from "${entry}"`)) problems.push(`${file} does not import from "${entry}"`);
    else samples.set(op.operationId, source.trim());
  }
  const known = new Set(operations.map((op) => `${op.operationId}.ts`));
  const files = await readdir(join(dir, api.name)).catch(() => [] as string[]);
  for (const file of files.filter((name) => name.endsWith(".ts") && !known.has(name))) {
    problems.push(`${join(dir, api.name, file)} matches no operation of ${api.name}: rename or delete it`);
  }
  if (problems.length) throw new Error(`TypeScript samples of ${api.name}:\n  ${problems.join("\n  ")}`);
  return samples;
}
