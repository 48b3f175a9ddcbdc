import { AppError } from "../errors/app-error";

/**
 * A process-wide budget for password hashing. Each scrypt takes ~50 ms of CPU and 32 MiB, and runs
 * on libuv's 4 threads: a flood of sign-ins with random emails (every one pays a decoy hash) would
 * otherwise fill those threads and queue every file read and DNS lookup of the app behind them.
 * At most `concurrent` hashes run at once, at most `queued` wait, and a wait longer than `maxWaitMs`
 * gives up: the caller gets "busy" (429) at once instead of a server that answers nothing.
 */
export class HashBudget {
  private running = 0;
  private readonly waiting: { start: () => void; timer: NodeJS.Timeout }[] = [];

  constructor(
    readonly concurrent: number,
    readonly queued: number,
    readonly maxWaitMs: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private acquire(): Promise<void> {
    if (this.running < this.concurrent) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.queued) return Promise.reject(busy());
    return new Promise((resolve, reject) => {
      const entry = {
        start: () => {
          clearTimeout(entry.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(entry);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(busy());
        }, this.maxWaitMs),
      };
      this.waiting.push(entry);
    });
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next.start();
    else this.running--;
  }
}

function busy(): AppError {
  return new AppError("rate_limited", "The server is busy checking passwords: try again in a few seconds.");
}

/** Two hashes at once leave libuv's other two threads (and the other core) to the rest of the app. */
export const passwordHashBudget = new HashBudget(2, 32, 10_000);
