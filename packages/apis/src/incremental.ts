/**
 * Per-API incremental work inside one Turbo task. Turbo reruns a whole task when any input
 * changes, and each build task (bundle, types, docs) works on every API: touching one spec would
 * redo all of them. So each of those steps keeps, beside its outputs, the fingerprint of what
 * each API's outputs were made from, and redoes only the APIs whose fingerprint changed or whose
 * outputs are missing. The fingerprints file is one of the task's outputs: Turbo caches and
 * restores it with them, and removing the outputs removes it too (a cold build).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";

/** sha256 of the parts, each length-prefixed (so ["ab", "c"] and ["a", "bc"] differ). */
export function fingerprint(...parts: ReadonlyArray<string | Uint8Array>): string {
  const hash = createHash("sha256");
  for (const part of parts) {
    const bytes = typeof part === "string" ? Buffer.from(part, "utf8") : part;
    hash.update(`${bytes.length}:`);
    hash.update(bytes);
  }
  return hash.digest("hex");
}

/** Fingerprint of every file under `dir` (names relative to it, and contents), in a stable order. */
export function fingerprintTree(dir: string): string {
  const files: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  if (statSync(dir).isDirectory()) walk(dir);
  return fingerprint(...files.flatMap((file) => [relative(dir, file), readFileSync(file)]));
}

/** What one step remembers: for each API, the fingerprint its current outputs were made from. */
export interface Fingerprints {
  /** True when `api`'s outputs were made from `print` and every one of `outputs` still exists. */
  isFresh(api: string, print: string, outputs: readonly string[]): boolean;
  /** Records that `api`'s outputs now come from `print` (call it once they are written). */
  record(api: string, print: string): void;
  /** Writes the file; entries of APIs not recorded or confirmed fresh in this run are dropped. */
  save(): Promise<void>;
}

/** Opens (or starts) the fingerprints file of one step. A missing or unreadable file means: nothing is fresh. */
export function openFingerprints(file: string): Fingerprints {
  let previous: Record<string, string> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (typeof parsed === "object" && parsed !== null) previous = parsed as Record<string, string>;
  } catch {
    previous = {};
  }
  const current: Record<string, string> = {};
  return {
    isFresh(api, print, outputs) {
      const fresh = previous[api] === print && outputs.every((output) => existsSync(output));
      if (fresh) current[api] = print;
      return fresh;
    },
    record(api, print) {
      current[api] = print;
    },
    async save() {
      await mkdir(dirname(file), { recursive: true });
      const sorted = Object.fromEntries(Object.entries(current).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      await writeFile(file, `${JSON.stringify(sorted, null, 2)}\n`);
    },
  };
}
