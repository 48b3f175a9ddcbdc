// Pipeline steps for users' streams (lib/streams, docs/streams.md): after the classifiers and the
// catalog crossmatch, the batch's alerts are run through every saved filter and matched against
// every watchlist, inside the batch's transaction — the matches commit with the alerts, and the
// delivery (webhooks, notifications) reads them afterwards, never inside this transaction. Each
// step is one savepoint: a failure costs the batch its matches, never the batch.
import type pg from "pg";
import { listStoredFilters, recordFilterMatches } from "../../streams/record-filter-matches";
import { recordWatchlistMatches } from "../../streams/watchlist-match";
import type { Logger } from "../../server/logger";
import type { BatchStep, StepCounts } from "../step";

async function inSavepoint(tx: pg.PoolClient, name: string, log: Logger, work: () => Promise<StepCounts>): Promise<StepCounts> {
  await tx.query(`SAVEPOINT ${name}`);
  try {
    const counts = await work();
    await tx.query(`RELEASE SAVEPOINT ${name}`);
    return counts;
  } catch (error) {
    await tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
    log.warn({ step: name, err: error instanceof Error ? error.message : String(error) }, "stream matching skipped for this batch");
    return { failed: 1 };
  }
}

export const streamFiltersStep: BatchStep = {
  name: "stream-filters",
  version: "1",
  stage: "batch",
  reads: ["stream_filter", "detection", "object", "probability", "xmatch", "ps1_ztf"],
  writes: ["filter_match"],
  offReason: () => null,
  run: ({ tx, alerts, log }) =>
    inSavepoint(tx, "stream_filters", log, async () => {
      const filters = await listStoredFilters(tx, log);
      if (filters.length === 0 || alerts.length === 0) return { filters: filters.length, matches: 0 };
      const scope = { kind: "candids" as const, candids: alerts.map((a) => a.candid) };
      let matches = 0;
      for (const filter of filters) matches += await recordFilterMatches(tx, filter, scope, "ingest");
      return { filters: filters.length, matches };
    }),
};

export const watchlistsStep: BatchStep = {
  name: "watchlists",
  version: "1",
  stage: "batch",
  reads: ["watchlist", "watchlist_target"],
  writes: ["watchlist_match"],
  offReason: () => null,
  run: ({ tx, alerts, log }) =>
    inSavepoint(tx, "watchlists", log, async () => {
      const positions = alerts.flatMap((a) => {
        const candidate = a.detections.find((d) => d.candid === a.candid);
        return candidate ? [{ candid: a.candid, oid: a.oid, mjd: candidate.mjd, raDeg: candidate.ra, decDeg: candidate.dec }] : [];
      });
      return { matches: await recordWatchlistMatches(tx, positions) };
    }),
};
