// Unit tests fail on errors nobody expected: a console.error call or an error/fatal record of the
// logger (lib/server/logger.ts) during a test fails it, unless the test declared it first with
// expectLoggedError(pattern). A declared error that never comes fails the test too.

export interface LoggedError {
  /** "console.error" or "logger <name>". */
  source: string;
  /** The console arguments joined, or the logger's JSON record. */
  text: string;
}

export class LoggedErrorTrap {
  private logged: LoggedError[] = [];
  private expected: { pattern: RegExp; seen: boolean }[] = [];
  private active = false;

  /** Starts a test: forgets what earlier tests logged and expected. */
  start(): void {
    this.logged = [];
    this.expected = [];
    this.active = true;
  }

  record(entry: LoggedError): void {
    if (!this.active) return;
    const expectation = this.expected.find((e) => e.pattern.test(entry.text));
    if (expectation) expectation.seen = true;
    else this.logged.push(entry);
  }

  expect(pattern: RegExp | string): void {
    this.expected.push({ pattern: typeof pattern === "string" ? new RegExp(escapeRegExp(pattern)) : pattern, seen: false });
  }

  /** Ends a test: the failure message, or null when every error was expected and every expectation met. */
  finish(): string | null {
    this.active = false;
    const problems = [
      ...this.logged.map((e) => `unexpected error logged (${e.source}): ${e.text}`),
      ...this.expected.filter((e) => !e.seen).map((e) => `an error matching ${String(e.pattern)} was expected but never logged`),
    ];
    return problems.length ? problems.join("\n") : null;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The trap of this test file (tests/support/fail-on-logged-error.ts arms it around every test). */
export const loggedErrorTrap = new LoggedErrorTrap();

/**
 * Declares that the running test will log an error matching `pattern` (a RegExp, or a substring of
 * the record): that error then passes the trap; if none comes, the test fails.
 */
export function expectLoggedError(pattern: RegExp | string): void {
  loggedErrorTrap.expect(pattern);
}
