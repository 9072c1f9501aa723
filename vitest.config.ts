import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup.ts"],
    // Real databases, a real server and a real browser: give them room, never sleep on time.
    testTimeout: 30_000,
    hookTimeout: 90_000,
    pool: "forks",
  },
});
