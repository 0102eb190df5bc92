import { defineConfig } from "vitest/config";

/**
 * Settings every package's tests share: the usual console reporter, plus a JSON report in
 * `test-results/vitest.json` that `pnpm check` sums into one closing line.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
  },
});
