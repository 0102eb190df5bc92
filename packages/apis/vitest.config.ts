import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

// Lint tests spawn the Redocly CLI, which takes seconds on a loaded 2-core machine.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 30_000 } }));
