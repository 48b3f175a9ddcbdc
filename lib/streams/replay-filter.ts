// "Replay last week": a saved filter re-run over the alerts of a past MJD range, in chunks, with
// its progress in filter_replay. Each chunk is the ingest step's own query (scope = the chunk's
// candids), so a replay records exactly what ingesting those alerts with the filter would have.
import type pg from "pg";
import { AppError } from "../errors/app-error";
import type { Logger } from "../server/logger";
import { filterDefinitionSchema } from "./filter-definition";
import { recordFilterMatches } from "./record-filter-matches";

/** Alerts per chunk: one progress update each; small enough that a chunk takes well under a second. */
const REPLAY_CHUNK_ALERTS = 2000;
/** The longest range one replay covers (ZTF's whole archive fits; the cost is per alert, and shown as progress). */
export const MAX_REPLAY_DAYS = 7305;

/** Creates the replay's row (status running); run it with runFilterReplay. */
export async function startFilterReplay(pool: pg.Pool, filterId: string, fromMjd: number, toMjd: number): Promise<string> {
  if (!(toMjd >= fromMjd)) throw new AppError("bad_request", "The end of the range must not be before its start.");
  if (toMjd - fromMjd > MAX_REPLAY_DAYS) throw new AppError("bad_request", `Replay at most ${MAX_REPLAY_DAYS} days at a time.`);
  const { rows } = await pool.query<{ id: string }>(
    "INSERT INTO filter_replay (filter_id, from_mjd, to_mjd, status) VALUES ($1, $2, $3, 'running') RETURNING id",
    [filterId, fromMjd, toMjd],
  );
  return rows[0]!.id;
}

/** Runs a replay to the end, updating its progress after every chunk; failures end in status failed. */
export async function runFilterReplay(pool: pg.Pool, replayId: string, log: Logger): Promise<void> {
  try {
    const { rows } = await pool.query<{ filter_id: string; from_mjd: number; to_mjd: number; definition: unknown }>(
      `SELECT r.filter_id, r.from_mjd, r.to_mjd, f.definition FROM filter_replay r JOIN stream_filter f ON f.id = r.filter_id WHERE r.id = $1`,
      [replayId],
    );
    const replay = rows[0];
    if (!replay) throw new AppError("not_found", `No replay ${replayId}.`);
    const filter = { id: replay.filter_id, definition: filterDefinitionSchema.parse(replay.definition) };
    const { rows: alerts } = await pool.query<{ candid: string }>(
      "SELECT candid::text AS candid FROM detection WHERE parent_candid IS NULL AND mjd >= $1 AND mjd <= $2 ORDER BY candid",
      [replay.from_mjd, replay.to_mjd],
    );
    await pool.query("UPDATE filter_replay SET alerts_total = $2 WHERE id = $1", [replayId, alerts.length]);
    let done = 0;
    let matches = 0;
    for (let start = 0; start < alerts.length; start += REPLAY_CHUNK_ALERTS) {
      const candids = alerts.slice(start, start + REPLAY_CHUNK_ALERTS).map((a) => a.candid);
      matches += await recordFilterMatches(pool, filter, { kind: "candids", candids }, "replay");
      done += candids.length;
      await pool.query("UPDATE filter_replay SET alerts_done = $2, matches = $3 WHERE id = $1", [replayId, done, matches]);
    }
    await pool.query("UPDATE filter_replay SET status = 'done', finished_at = now() WHERE id = $1", [replayId]);
  } catch (error) {
    const message = error instanceof AppError ? error.message : "the replay failed (see the server log)";
    log.error({ replay: replayId, err: error instanceof Error ? error.message : String(error) }, "filter replay failed");
    await pool
      .query("UPDATE filter_replay SET status = 'failed', error = $2, finished_at = now() WHERE id = $1", [replayId, message])
      .catch(() => undefined);
  }
}
