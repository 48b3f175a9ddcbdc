// Run only by tests/logged-error-trap.test.ts (in a subprocess): which of these the trap fails.
import { it } from "vitest";
import { createLogger } from "../../../lib/server/logger";
import { expectLoggedError } from "../logged-error-trap";

const log = createLogger("fixture");

it("logs an error nobody expected", () => {
  log.error({ err: new Error("unexpected kaboom") }, "step failed");
});

it("logs a fatal record nobody expected", () => {
  log.fatal("process is going down");
});

it("calls console.error", () => {
  console.error("console kaboom");
});

it("logs an error it declared", () => {
  expectLoggedError(/declared kaboom/);
  log.error({ err: new Error("declared kaboom") }, "step failed");
});

it("declares an error that never comes", () => {
  expectLoggedError("never logged");
});

it("logs warnings and info only", () => {
  log.warn("slow query");
  log.info("batch done");
});
