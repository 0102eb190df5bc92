/**
 * Protects the per-API incremental build: an API's outputs are reused only when they were made
 * from exactly the same inputs and are all still there; anything else redoes them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fingerprint, fingerprintTree, openFingerprints } from "../src/incremental.js";

const dirs: string[] = [];
const scratch = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "apis-incremental-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("fingerprint", () => {
  it("depends on every part and on where one part ends", () => {
    expect(fingerprint("ab", "c")).not.toBe(fingerprint("a", "bc"));
    expect(fingerprint("a", Buffer.from("b"))).toBe(fingerprint("a", "b"));
    expect(fingerprint("a")).not.toBe(fingerprint("a", ""));
  });
});

describe("fingerprintTree", () => {
  it("changes with a file's content, a file's name or a new file, nested folders included", () => {
    const dir = scratch();
    mkdirSync(join(dir, "paths"));
    writeFileSync(join(dir, "openapi.yaml"), "openapi: 3.1.0\n");
    writeFileSync(join(dir, "paths", "a.yaml"), "get: {}\n");
    const before = fingerprintTree(dir);
    expect(fingerprintTree(dir)).toBe(before);
    writeFileSync(join(dir, "paths", "a.yaml"), "get: {}\n# edit\n");
    const edited = fingerprintTree(dir);
    expect(edited).not.toBe(before);
    rmSync(join(dir, "paths", "a.yaml"));
    writeFileSync(join(dir, "paths", "b.yaml"), "get: {}\n# edit\n");
    expect(fingerprintTree(dir)).not.toBe(edited);
    writeFileSync(join(dir, "paths", "c.yaml"), "");
    expect(fingerprintTree(dir)).not.toBe(edited);
  });
});

describe("openFingerprints", () => {
  it("reuses an API's outputs only for the same fingerprint with every output present", async () => {
    const dir = scratch();
    const file = join(dir, "out", ".fingerprints.json");
    const output = join(dir, "out", "a.json");
    const first = openFingerprints(file);
    expect(first.isFresh("a", "p1", [output])).toBe(false); // nothing recorded yet
    mkdirSync(join(dir, "out"), { recursive: true });
    writeFileSync(output, "{}");
    first.record("a", "p1");
    first.record("b", "p9");
    await first.save();

    const second = openFingerprints(file);
    expect(second.isFresh("a", "p2", [output])).toBe(false); // other inputs
    expect(second.isFresh("a", "p1", [output, join(dir, "out", "missing.json")])).toBe(false); // an output is gone
    expect(second.isFresh("a", "p1", [output])).toBe(true);
    await second.save(); // b was neither confirmed nor recorded: dropped

    const third = openFingerprints(file);
    expect(third.isFresh("b", "p9", [])).toBe(false);
    expect(third.isFresh("a", "p1", [output])).toBe(true);
  });

  it("treats an unreadable file as nothing fresh", () => {
    const file = join(scratch(), ".fingerprints.json");
    writeFileSync(file, "not json");
    expect(openFingerprints(file).isFresh("a", "p1", [])).toBe(false);
  });
});
