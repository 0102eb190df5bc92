import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // the browser tests build the site and drive Chromium: give them room, never retry them silently
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  }),
);
