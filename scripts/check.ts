/**
 * What `npm test` runs after installing: lint, typecheck and every package's tests through
 * Turbo, then one summary of the test counts (from each package's test-results/vitest.json).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const packagesDir = join(root, "packages");
const reportOf = (name: string) => join(packagesDir, name, "test-results", "vitest.json");
const packages = readdirSync(packagesDir);
for (const name of packages) rmSync(reportOf(name), { force: true });

const turbo = spawnSync("turbo", ["run", "lint", "typecheck", "test", "--output-logs=errors-only", "--no-update-notifier", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
});

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

let passed = 0;
let failed = 0;
let skipped = 0;
console.log("\ntests by package:");
for (const name of packages) {
  if (!existsSync(reportOf(name))) continue;
  const report = JSON.parse(readFileSync(reportOf(name), "utf8")) as VitestReport;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  console.log(`  ${name.padEnd(14)} ${String(report.numPassedTests).padStart(5)} passed ${String(report.numFailedTests).padStart(4)} failed`);
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(turbo.status ?? 1);
