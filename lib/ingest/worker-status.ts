import os from "node:os";
import type pg from "pg";

export type WorkerKind = "inbox" | "kafka" | "replay";

export interface WorkerProgress {
  alertsIngested: number;
  alertsDuplicate: number;
  alertsQuarantined: number;
  lastBatchAt: Date | null;
  backlog: number | null;
  oldestPendingAt: Date | null;
}

/** The worker's failed inputs, for /api/health's "degraded" (lib/health/get-health.ts). */
export interface WorkerErrors {
  /** Failures in the last 10 minutes. */
  recentErrors: number;
  lastError: string | null;
  lastErrorAt: Date | null;
}

const NO_ERRORS: WorkerErrors = { recentErrors: 0, lastError: null, lastErrorAt: null };

/** The worker_status row of this process: registered at start, refreshed as it works, marked stopped at the end. */
export class WorkerStatus {
  readonly id: string;

  constructor(
    private readonly pool: pg.Pool,
    readonly kind: WorkerKind,
  ) {
    this.id = `${kind}:${os.hostname()}:${process.pid}`;
  }

  async register(): Promise<void> {
    // Rows of this host's workers that died without saying so (SIGKILL, crash): mark them stopped.
    await this.pool.query(
      `UPDATE worker_status SET stopped_at = heartbeat_at
       WHERE hostname = $1 AND stopped_at IS NULL AND id <> $2 AND heartbeat_at < now() - interval '60 seconds'`,
      [os.hostname(), this.id],
    );
    await this.pool.query(
      `INSERT INTO worker_status (id, kind, hostname, pid, started_at, heartbeat_at) VALUES ($1, $2, $3, $4, now(), now())
       ON CONFLICT (id) DO UPDATE SET started_at = now(), heartbeat_at = now(), stopped_at = NULL,
         alerts_ingested = 0, alerts_duplicate = 0, alerts_quarantined = 0, last_batch_at = NULL, backlog = NULL, oldest_pending_at = NULL,
         recent_errors = 0, last_error = NULL, last_error_at = NULL`,
      [this.id, this.kind, os.hostname(), process.pid],
    );
  }

  async report(progress: WorkerProgress, errors: WorkerErrors = NO_ERRORS): Promise<void> {
    await this.pool.query(
      `UPDATE worker_status SET heartbeat_at = now(), alerts_ingested = $2, alerts_duplicate = $3, alerts_quarantined = $4,
         last_batch_at = coalesce($5, last_batch_at), backlog = $6, oldest_pending_at = $7,
         recent_errors = $8, last_error = $9, last_error_at = $10
       WHERE id = $1`,
      [
        this.id,
        progress.alertsIngested,
        progress.alertsDuplicate,
        progress.alertsQuarantined,
        progress.lastBatchAt,
        progress.backlog,
        progress.oldestPendingAt,
        errors.recentErrors,
        errors.lastError,
        errors.lastErrorAt,
      ],
    );
  }

  async stopped(): Promise<void> {
    await this.pool.query("UPDATE worker_status SET stopped_at = now(), heartbeat_at = now() WHERE id = $1", [this.id]);
  }
}
