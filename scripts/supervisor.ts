// The launcher's supervision of its processes (scripts/start.ts; docs/decisions/0022): each child
// runs in a process group of its own (so a Ctrl-C reaches only the launcher, which stops them in
// order), is restarted with backoff when it exits on its own, and after MAX_RESTARTS quick failures
// in a row the launcher gives up with one clear message.
import { type ChildProcess, spawn } from "node:child_process";

/** Restarts in a row (each after less than HEALTHY_AFTER_MS of running) before giving up. */
export const MAX_RESTARTS = 5;
/** A process that ran this long was healthy: its next failure starts the count again. */
const HEALTHY_AFTER_MS = 60_000;
const FIRST_RESTART_DELAY_MS = 1000;
const MAX_RESTART_DELAY_MS = 30_000;

export interface ChildSpec {
  /** Arguments of `node` (the launcher's own executable). */
  args: string[];
  env: NodeJS.ProcessEnv;
  /** SIGTERM, then SIGKILL after this long. */
  stopTimeoutMs: number;
}

interface Supervised {
  spec: ChildSpec;
  child: ChildProcess | null;
  startedAt: number;
  failures: number;
  restartTimer: NodeJS.Timeout | null;
}

/** 1 s, 2 s, 4 s … up to 30 s (`first` is smaller in tests). */
const restartDelay = (failures: number, first: number) => Math.min(first * 2 ** (failures - 1), MAX_RESTART_DELAY_MS);

export class Supervisor {
  private readonly processes = new Map<string, Supervised>();
  private readonly external = new Map<string, { failures: number; lastFailureAt: number; restarting: boolean }>();
  private stopping = false;

  constructor(private readonly options: { log: (line: string) => void; onGiveUp: () => void; firstRestartDelayMs?: number }) {}

  private delayAfter(failures: number): number {
    return restartDelay(failures, this.options.firstRestartDelayMs ?? FIRST_RESTART_DELAY_MS);
  }

  /** Spawns `name` and keeps it running until stopAll(). */
  start(name: string, spec: ChildSpec): void {
    const entry: Supervised = { spec, child: null, startedAt: 0, failures: 0, restartTimer: null };
    this.processes.set(name, entry);
    this.spawn(name, entry);
  }

  private spawn(name: string, entry: Supervised): void {
    entry.restartTimer = null;
    if (this.stopping) return;
    // detached: a process group of its own (no terminal SIGINT); stdio still goes to our terminal.
    const child = spawn(process.execPath, entry.spec.args, { stdio: "inherit", env: entry.spec.env, detached: true });
    entry.child = child;
    entry.startedAt = Date.now();
    child.on("error", (error) => this.options.log(`${name} could not be started: ${error.message}`));
    child.once("exit", (code, signal) => {
      entry.child = null;
      if (this.stopping) return;
      const how = signal ?? `code ${code}`;
      entry.failures = Date.now() - entry.startedAt >= HEALTHY_AFTER_MS ? 1 : entry.failures + 1;
      if (entry.failures > MAX_RESTARTS) {
        this.options.log(
          `${name} exited (${how}) ${entry.failures} times in a row, each within ${HEALTHY_AFTER_MS / 1000} s of starting: giving up. ` +
            `Its messages above say why; fix that and run npm start again.`,
        );
        this.options.onGiveUp();
        return;
      }
      const delay = this.delayAfter(entry.failures);
      this.options.log(`${name} exited (${how}); restarting it in ${delay / 1000} s (restart ${entry.failures} of ${MAX_RESTARTS})`);
      entry.restartTimer = setTimeout(() => this.spawn(name, entry), delay);
    });
  }

  /**
   * A process the launcher does not spawn itself (the embedded PostgreSQL) exited: `restart` it with
   * the same backoff and limit, trying again while it fails.
   */
  restartExternal(name: string, how: string, restart: () => Promise<void>): void {
    const state = this.external.get(name) ?? { failures: 0, lastFailureAt: 0, restarting: false };
    this.external.set(name, state);
    if (state.restarting || this.stopping) return;
    state.restarting = true;
    const attempt = () => {
      if (this.stopping) return;
      state.failures = Date.now() - state.lastFailureAt >= HEALTHY_AFTER_MS ? 1 : state.failures + 1;
      state.lastFailureAt = Date.now();
      if (state.failures > MAX_RESTARTS) {
        this.options.log(`${name} could not be restarted after ${MAX_RESTARTS} attempts: giving up (see its log).`);
        this.options.onGiveUp();
        return;
      }
      const delay = this.delayAfter(state.failures);
      this.options.log(`${name} exited (${how}); restarting it in ${delay / 1000} s (restart ${state.failures} of ${MAX_RESTARTS})`);
      setTimeout(() => {
        if (this.stopping) return;
        restart().then(
          () => {
            state.restarting = false;
          },
          (error: unknown) => {
            how = `restart failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
            attempt();
          },
        );
      }, delay);
    };
    attempt();
  }

  /** Polls `url` until it answers (any HTTP status) or `name` is no longer running; whether it answered. */
  async waitUntilAnswering(name: string, url: string): Promise<boolean> {
    for (;;) {
      if (this.stopping) return false;
      const entry = this.processes.get(name);
      if (entry?.child) {
        try {
          await fetch(url, { signal: AbortSignal.timeout(2000) });
          return true;
        } catch {
          // not listening yet
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Stops the children one after the other, in `order` (then any other), each SIGTERM and wait. */
  async stopAll(order: string[]): Promise<void> {
    this.stopping = true;
    const names = [...order.filter((n) => this.processes.has(n)), ...[...this.processes.keys()].filter((n) => !order.includes(n))];
    for (const name of names) {
      const entry = this.processes.get(name)!;
      if (entry.restartTimer) clearTimeout(entry.restartTimer);
      const child = entry.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.options.log(`${name} did not stop within ${entry.spec.stopTimeoutMs / 1000} s: killing it`);
          child.kill("SIGKILL");
        }, entry.spec.stopTimeoutMs);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      });
      this.options.log(`${name} stopped`);
    }
  }
}
