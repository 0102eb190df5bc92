import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

// The main job's test starts every server the README's main command starts, and the bad-input
// tests send thousands of requests: a hang takes longer to tell from a slow run here.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 60_000 } }));
