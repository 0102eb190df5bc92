import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

// The remote-cache test clones, installs and builds the repository twice: minutes on a loaded 2-core machine.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 290_000, hookTimeout: 60_000 } }));
