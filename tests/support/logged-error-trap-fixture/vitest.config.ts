import path from "node:path";
import { defineConfig } from "vitest/config";

// A vitest run with only the log trap (no database), for tests/logged-error-trap.test.ts to run in a subprocess.
export default defineConfig({
  root: path.resolve(import.meta.dirname, "../../.."),
  test: {
    include: ["tests/support/logged-error-trap-fixture/*.fixture.ts"],
    environment: "node",
    setupFiles: ["tests/support/fail-on-logged-error.ts"],
  },
});
