import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/build.ts"],
    // CLI and server tests start real processes; give them room on a 2-core machine.
    testTimeout: 30_000,
    // Starting a server (emulator, demo seed, warm mirror) is a set-up step: as slow as a test on a busy machine.
    hookTimeout: 60_000,
    // Most files wait on servers, the emulator and Chromium rather than compute: two at once on 2 cores.
    maxWorkers: 2,
    // A first import preview starts a document-reading worker (a second or two on a loaded machine).
    expect: { poll: { timeout: 10_000 } },
  },
});
