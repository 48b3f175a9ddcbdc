// The launcher's supervision (scripts/supervisor.ts) with real child processes: restart with
// backoff, a clear give-up after MAX_RESTARTS quick failures, and no restart once stopping.
// Waits follow the supervisor's own log lines and process exits; nothing sleeps a fixed time.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { MAX_RESTARTS, Supervisor } from "./supervisor";

/** A supervisor whose log lines can be awaited. */
function watched(firstRestartDelayMs = 20) {
  const lines: { line: string; at: number }[] = [];
  const waiters: { match: RegExp; resolve: () => void }[] = [];
  let gaveUp = 0;
  let resolveGiveUp: () => void = () => undefined;
  const givenUp = new Promise<void>((resolve) => (resolveGiveUp = resolve));
  const supervisor = new Supervisor({
    firstRestartDelayMs,
    log: (line) => {
      lines.push({ line, at: Date.now() });
      for (const w of waiters.filter((w) => w.match.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    },
    onGiveUp: () => {
      gaveUp++;
      resolveGiveUp();
    },
  });
  const logged = (match: RegExp) =>
    lines.some((l) => match.test(l.line)) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ match, resolve }));
  return { supervisor, lines, logged, givenUp, gaveUpCount: () => gaveUp };
}

const nodeChild = (code: string) => ({ args: ["-e", code], env: process.env, stopTimeoutMs: 10_000 });

describe("the launcher's supervisor", () => {
  it(`restarts a child that keeps failing with growing delays, then gives up after ${MAX_RESTARTS} restarts with one clear message`, async () => {
    const { supervisor, lines, givenUp, gaveUpCount } = watched(20);
    supervisor.start("worker", nodeChild("process.exit(3)"));
    await givenUp;
    const restarts = lines.filter((l) => /^worker exited \(code 3\); restarting it in/.test(l.line));
    expect(restarts.map((l) => /restart (\d) of 5/.exec(l.line)![1])).toEqual(["1", "2", "3", "4", "5"]);
    // Backoff: each delay doubles (20, 40, 80, 160, 320 ms).
    expect(restarts.map((l) => Number(/in ([\d.]+) s/.exec(l.line)![1]) * 1000)).toEqual([20, 40, 80, 160, 320]);
    const last = lines.at(-1)!.line;
    expect(last).toMatch(/^worker exited \(code 3\) 6 times in a row, each within 60 s of starting: giving up\./);
    expect(last).toContain("fix that and run npm start again");
    expect(gaveUpCount()).toBe(1);
    await supervisor.stopAll(["worker"]);
  });

  it("restarts a killed child, and stops it for good (SIGTERM, no restart) once stopping", async () => {
    const { supervisor, logged, lines } = watched(20);
    // Runs until signalled.
    supervisor.start("next", nodeChild("setInterval(() => undefined, 1000)"));
    // The child's pid: from the process table of this process's children.
    const childPid = async (): Promise<number> => {
      for (;;) {
        const out = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(process.pid)], { encoding: "utf8" });
        const row = out.split("\n").find((r) => r.includes("setInterval"));
        if (row) return Number(row.trim().split(/\s+/)[0]);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const first = await childPid();
    process.kill(first, "SIGKILL");
    await logged(/^next exited \(SIGKILL\); restarting it in 0\.02 s \(restart 1 of 5\)/);
    let second = first;
    while (second === first) second = await childPid();
    await supervisor.stopAll(["next"]);
    expect(lines.at(-1)!.line).toBe("next stopped");
    expect(() => process.kill(second, 0)).toThrow(); // gone
    // The stop was not taken for a crash.
    expect(lines.filter((l) => l.line.startsWith("next exited"))).toHaveLength(1);
  });

  it("restarts an outside process (the embedded PostgreSQL) until its restart succeeds", async () => {
    const { supervisor, logged } = watched(10);
    let attempts = 0;
    let resolveDone: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    supervisor.restartExternal("postgresql", "SIGKILL", async () => {
      attempts++;
      if (attempts < 3) throw new Error("the port is still taken\nmore detail");
      resolveDone();
    });
    await done;
    expect(attempts).toBe(3);
    await logged(/^postgresql exited \(restart failed: the port is still taken\); restarting it in 0\.02 s \(restart 2 of 5\)/);
    await logged(/restart 3 of 5/);
  });
});
