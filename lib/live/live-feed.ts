// One poller per process for the live page's server-sent events: however many browsers watch
// /live, the database is asked once every POLL_MS for alerts committed since the last ones seen,
// and each new alert goes to every subscriber. The poller runs only while someone listens.
import type { Sql } from "../db/sql";
import type { Logger } from "../server/logger";
import { type LiveAlert, type LiveCursor, listAlertsAfter } from "./live-alerts";

/** A new alert is on the page within this (plus the render): the 2 s goal of docs/streams.md leaves room. */
export const POLL_MS = 250;
/** Longest a batch stays between its write (ingested_at) and its commit that the feed still catches. */
const COMMIT_SKEW_MS = 10_000;

type Listener = (alerts: LiveAlert[]) => void;

export class LiveFeed {
  private readonly listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | undefined;
  private cursor: LiveCursor | null = null;
  private polling = false;
  /** candid → ingested_at (ms) of the alerts sent in the last 2 × COMMIT_SKEW_MS. */
  private readonly seen = new Map<string, number>();

  private positionedListeners: (() => void)[] = [];

  /** Resolves once the feed has read where the stored alerts end: alerts committed later are sent. */
  positioned(): Promise<void> {
    if (this.cursor) return Promise.resolve();
    return new Promise((resolve) => this.positionedListeners.push(resolve));
  }

  constructor(
    private readonly sql: Sql,
    private readonly log: Logger,
  ) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.timer) this.timer = setInterval(() => void this.poll(), POLL_MS);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = undefined;
        this.cursor = null;
        this.seen.clear();
      }
    };
  }

  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      if (!this.cursor) {
        // Everything already stored counts as seen, including the window the next polls re-read.
        const { rows } = await this.sql.query<{ candid: string; at: Date }>(
          `select candid::text as candid, ingested_at as at from alert_packet
            where ingested_at >= (select max(ingested_at) from alert_packet) - make_interval(secs => $1::float8 / 1000)`,
          [COMMIT_SKEW_MS],
        );
        let newestMs = 0;
        for (const row of rows) {
          this.seen.set(row.candid, row.at.getTime());
          newestMs = Math.max(newestMs, row.at.getTime());
        }
        this.cursor = { ingestedAt: new Date(newestMs).toISOString(), candid: "0" };
        for (const resolve of this.positionedListeners.splice(0)) resolve();
        return;
      }
      // ingested_at is the clock time of a batch's write, not of its commit: a batch written earlier
      // can commit after a later one. Re-reading a short window behind the newest alert seen (and
      // skipping candids already sent) catches it.
      const from = new Date(Date.parse(this.cursor.ingestedAt) - COMMIT_SKEW_MS).toISOString();
      const alerts = await listAlertsAfter(this.sql, { ingestedAt: from, candid: "0" }, [...this.seen.keys()]);
      if (alerts.length === 0) return;
      let newestMs = Date.parse(this.cursor.ingestedAt);
      for (const a of alerts) {
        const at = Date.parse(a.ingestedAt);
        this.seen.set(a.candid, at);
        newestMs = Math.max(newestMs, at);
      }
      this.cursor = { ingestedAt: new Date(newestMs).toISOString(), candid: "0" };
      for (const [candid, at] of this.seen) if (at < newestMs - 2 * COMMIT_SKEW_MS) this.seen.delete(candid);
      for (const listener of this.listeners) listener(alerts);
    } catch (error) {
      this.log.warn({ err: error instanceof Error ? error.message : String(error) }, "live feed poll failed (retried)");
    } finally {
      this.polling = false;
    }
  }
}
