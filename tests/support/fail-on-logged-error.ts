import { afterEach, beforeEach, vi } from "vitest";
import { onErrorLog } from "../../lib/server/logger";
import { loggedErrorTrap } from "./logged-error-trap";

// An unexpected error in the log is a failure: code that logs an error and carries on hides bugs.
// Tests that provoke one declare it with expectLoggedError() (tests/support/logged-error-trap.ts).
onErrorLog((record) => loggedErrorTrap.record({ source: `logger ${record.name}`, text: record.line }));

beforeEach(() => {
  loggedErrorTrap.start();
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    loggedErrorTrap.record({ source: "console.error", text: args.map(String).join(" ") });
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  const failure = loggedErrorTrap.finish();
  if (failure) throw new Error(failure);
});
