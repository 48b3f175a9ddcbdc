import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { LoggedErrorTrap } from "./support/logged-error-trap";

const ROOT = path.resolve(import.meta.dirname, "..");

describe("LoggedErrorTrap", () => {
  it("fails on what nobody expected and on expectations never met; passes declared errors", () => {
    const trap = new LoggedErrorTrap();
    trap.record({ source: "logger x", text: "before any test" });
    trap.start();
    expect(trap.finish()).toBeNull();

    trap.start();
    trap.record({ source: "logger ingest", text: '{"level":50,"msg":"batch failed"}' });
    expect(trap.finish()).toBe('unexpected error logged (logger ingest): {"level":50,"msg":"batch failed"}');

    trap.start();
    trap.expect("batch failed (x)");
    trap.record({ source: "logger ingest", text: "batch failed (x) twice" });
    trap.record({ source: "logger ingest", text: "batch failed (x) twice" });
    expect(trap.finish()).toBeNull();

    trap.start();
    trap.expect(/cookie/);
    expect(trap.finish()).toBe("an error matching /cookie/ was expected but never logged");
  });

  it("the vitest setup fails a test whose logger or console logs an error it did not declare", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-trap-"));
    const report = path.join(dir, "report.json");
    const vitest = path.join(ROOT, "node_modules/.bin/vitest");
    const config = path.join(ROOT, "tests/support/logged-error-trap-fixture/vitest.config.ts");
    // The run fails (exit code 1) by design: the report says which tests failed.
    await promisify(execFile)(vitest, ["run", "--config", config, "--reporter=json", `--outputFile=${report}`], {
      cwd: ROOT,
      env: { ...process.env, LOG_FORMAT: "json", LOG_LEVEL: "info" },
      timeout: 120_000,
    }).catch((error: unknown) => error);
    const results = (
      JSON.parse(fs.readFileSync(report, "utf8")) as {
        testResults: { assertionResults: { title: string; status: string; failureMessages: string[] }[] }[];
      }
    ).testResults.flatMap((file) => file.assertionResults);
    fs.rmSync(dir, { recursive: true, force: true });
    const outcome = Object.fromEntries(results.map((r) => [r.title, r.status]));
    expect(outcome).toEqual({
      "logs an error nobody expected": "failed",
      "logs a fatal record nobody expected": "failed",
      "calls console.error": "failed",
      "logs an error it declared": "passed",
      "declares an error that never comes": "failed",
      "logs warnings and info only": "passed",
    });
    const failure = results.find((r) => r.title === "logs an error nobody expected")!.failureMessages.join("\n");
    expect(failure).toContain("unexpected error logged (logger fixture)");
    expect(failure).toContain("unexpected kaboom");
  }, 150_000);
});
