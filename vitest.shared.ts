import { defineConfig } from "vitest/config";

/**
 * Settings every package's tests share: the usual console reporter, plus a JSON report in
 * `test-results/vitest.json` that `pnpm check` sums into one closing line. Many tests start real
 * servers (Prism, sandboxes, Chromium) while Turbo runs every package's suite at once on a
 * 2-core machine: a test may take 30 s and a hook 60 s before it counts as hung (these are
 * limits for a hang, not speed goals; those live in `pnpm bench`).
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
  },
});
