import type { Sql } from "../db/sql";
import { dateToMjd } from "../time/mjd";
import { consensusOf, type Consensus } from "./consensus";
import { getTriageFlags } from "./get-triage-facts";
import type { QueueSort } from "./queue-params";
import { snVsBogusProbabilities } from "../vote-learning/serving-vote-model";
import type { TriageFlag } from "./triage-flags";

export interface SnCandidate {
  oid: string;
  raDeg: number;
  decDeg: number;
  firstMjd: number;
  lastMjd: number;
  ndet: number;
  /** P(SN) of the stamp classifier, ranking 1 by construction. */
  probSn: number;
  firstMagpsf: number;
  firstFid: number;
  possibleSnVotes: number;
  bogusVotes: number;
  consensus: Consensus;
  /** Kinds the given user voted (empty when signed out). */
  myVotes: ("possible_sn" | "bogus")[];
  /** Warnings before voting (triage-flags.ts). */
  flags: TriageFlag[];
  /** P(real SN vs bogus) of the serving vote model (sort "uncertainty" only; null otherwise). */
  modelSnProbability: number | null;
}

export type WindowAnchor = "newest_alert" | "newest_candidate" | "explicit" | "empty_database";

export interface SnQueue {
  windowStartMjd: number;
  windowEndMjd: number;
  anchor: WindowAnchor;
  newestAlertMjd: number | null;
  /** First detection of the newest SN candidate before this window (to jump there), if any. */
  earlierCandidateMjd: number | null;
  /** Candidates of the window left out because they carry a triage flag (hideFlagged). */
  hiddenFlagged: number;
  candidates: SnCandidate[];
  /** With sort "uncertainty": what ordered the queue ("vote_model_<v>" or "stamp_classifier") and the votes it learned from. */
  uncertaintyModel: { servedBy: string; trainVotes: number | null } | null;
}

export interface ListSnCandidatesOptions {
  windowHours: number;
  limit: number;
  sort: QueueSort;
  /** Window end; unset = anchored to the data (see resolveWindowEnd). */
  endMjd?: number;
  /** Signed-in reviewer: their votes are reported, and hideReviewed hides what they voted on. */
  userId?: string;
  /** Hide candidates the user voted on (signed out: any candidate with a vote). */
  hideReviewed?: boolean;
  /** Hide candidates with any triage flag; `limit` then counts the unflagged ones. */
  hideFlagged?: boolean;
}

/** Upper bound of candidates read to fill `limit` unflagged ones (a window rarely holds more). */
const MAX_SCANNED_FOR_UNFLAGGED = 5000;

const ORDER: Record<QueueSort, string> = {
  probability: "prob_sn DESC, o.oid",
  first_detection: "o.firstmjd DESC, o.oid",
  magnitude: "first_magpsf ASC, o.oid",
  // Read by P(SN), then ordered in TypeScript by the vote model's |p − 0.5| (listSnCandidates).
  uncertainty: "prob_sn DESC, o.oid",
};

/**
 * The window's end when none is given: the newest alert in the database, which during a live night
 * is "now" to within minutes and after the night is its last exposure. If the default window before
 * it holds no SN candidate (an archive replay whose newest alert is a lone object), the window ends
 * at the newest SN candidate's first detection instead, and the page says so.
 */
async function resolveWindowEnd(
  sql: Sql,
  windowDays: number,
): Promise<{ endMjd: number; anchor: WindowAnchor; newestAlertMjd: number | null }> {
  const { rows } = await sql.query<{ newest_alert: number | null; newest_candidate: number | null }>(
    `SELECT (SELECT max(lastmjd) FROM object) AS newest_alert,
            (SELECT max(o.firstmjd) FROM probability p JOIN object o ON o.oid = p.oid
              WHERE p.classifier_name = 'stamp_classifier' AND p.class_name = 'SN' AND p.ranking = 1) AS newest_candidate`,
  );
  const { newest_alert: newestAlert, newest_candidate: newestCandidate } = rows[0]!;
  if (newestAlert === null) return { endMjd: dateToMjd(new Date()), anchor: "empty_database", newestAlertMjd: null };
  if (newestCandidate !== null && newestCandidate <= newestAlert - windowDays) {
    return { endMjd: newestCandidate, anchor: "newest_candidate", newestAlertMjd: newestAlert };
  }
  return { endMjd: newestAlert, anchor: "newest_alert", newestAlertMjd: newestAlert };
}

/**
 * The SN Hunter queue: objects whose ranking-1 stamp class (newest stamp_classifier version of the
 * object) is SN and whose first detection lies in (end − window, end], top `limit` by `sort`.
 */
export async function listSnCandidates(sql: Sql, options: ListSnCandidatesOptions): Promise<SnQueue> {
  const windowDays = options.windowHours / 24;
  const resolved =
    options.endMjd === undefined
      ? await resolveWindowEnd(sql, windowDays)
      : { endMjd: options.endMjd, anchor: "explicit" as const, newestAlertMjd: null };
  const startMjd = resolved.endMjd - windowDays;
  const { rows } = await sql.query<{
    oid: string;
    meanra: number;
    meandec: number;
    firstmjd: number;
    lastmjd: number;
    ndet: number;
    prob_sn: number;
    first_magpsf: number;
    first_fid: number;
    possible_sn: number;
    bogus: number;
    my_votes: ("possible_sn" | "bogus")[];
  }>(
    `SELECT o.oid, o.meanra, o.meandec, o.firstmjd, o.lastmjd, o.ndet, p.probability AS prob_sn,
            d.magpsf AS first_magpsf, d.fid AS first_fid,
            coalesce(v.possible_sn, 0)::int AS possible_sn, coalesce(v.bogus, 0)::int AS bogus,
            coalesce(v.mine, '{}') AS my_votes
     FROM object o
     JOIN LATERAL (
       SELECT class_name, probability FROM probability
       WHERE oid = o.oid AND classifier_name = 'stamp_classifier' AND ranking = 1
       ORDER BY classifier_version DESC LIMIT 1
     ) p ON p.class_name = 'SN'
     JOIN LATERAL (SELECT magpsf, fid FROM detection WHERE oid = o.oid ORDER BY mjd, candid LIMIT 1) d ON true
     LEFT JOIN LATERAL (
       SELECT count(*) FILTER (WHERE kind = 'possible_sn') AS possible_sn,
              count(*) FILTER (WHERE kind = 'bogus') AS bogus,
              array_agg(kind::text ORDER BY kind) FILTER (WHERE user_id = $3::uuid) AS mine
       FROM candidate_vote cv JOIN app_user u ON u.id = cv.user_id AND u.approved_at IS NOT NULL
       WHERE cv.oid = o.oid
     ) v ON true
     WHERE o.firstmjd > $1 AND o.firstmjd <= $2
       AND NOT ($4::boolean AND EXISTS (
         SELECT 1 FROM candidate_vote r WHERE r.oid = o.oid AND ($3::uuid IS NULL OR r.user_id = $3::uuid)))
     ORDER BY ${ORDER[options.sort]}
     LIMIT $5`,
    [
      startMjd,
      resolved.endMjd,
      options.userId ?? null,
      options.hideReviewed ?? false,
      options.hideFlagged || options.sort === "uncertainty" ? MAX_SCANNED_FOR_UNFLAGGED : options.limit,
    ],
  );
  // Active learning: the candidates the serving model is least sure of (|p − 0.5| smallest) first.
  let uncertainty: Awaited<ReturnType<typeof snVsBogusProbabilities>> | null = null;
  if (options.sort === "uncertainty") {
    uncertainty = await snVsBogusProbabilities(
      sql,
      rows.map((r) => r.oid),
    );
    const margin = (oid: string) => uncertainty!.byOid.get(oid)?.margin ?? Number.POSITIVE_INFINITY;
    rows.sort((a, b) => margin(a.oid) - margin(b.oid) || (a.oid < b.oid ? -1 : a.oid > b.oid ? 1 : 0));
    if (!options.hideFlagged) rows.splice(options.limit);
  }
  const flags = await getTriageFlags(
    sql,
    rows.map((r) => r.oid),
  );
  const shown = (options.hideFlagged ? rows.filter((r) => (flags.get(r.oid) ?? []).length === 0) : rows).slice(0, options.limit);
  const earlier = await sql.query<{ mjd: number | null }>(
    `SELECT max(o.firstmjd) AS mjd FROM probability p JOIN object o ON o.oid = p.oid
     WHERE p.classifier_name = 'stamp_classifier' AND p.class_name = 'SN' AND p.ranking = 1 AND o.firstmjd <= $1`,
    [startMjd],
  );
  return {
    earlierCandidateMjd: earlier.rows[0]?.mjd ?? null,
    windowStartMjd: startMjd,
    windowEndMjd: resolved.endMjd,
    anchor: resolved.anchor,
    newestAlertMjd: resolved.newestAlertMjd,
    uncertaintyModel: uncertainty ? { servedBy: uncertainty.servedBy, trainVotes: uncertainty.trainVotes } : null,
    hiddenFlagged: options.hideFlagged ? rows.length - rows.filter((r) => (flags.get(r.oid) ?? []).length === 0).length : 0,
    candidates: shown.map((r) => ({
      oid: r.oid,
      raDeg: r.meanra,
      decDeg: r.meandec,
      firstMjd: r.firstmjd,
      lastMjd: r.lastmjd,
      ndet: r.ndet,
      probSn: r.prob_sn,
      firstMagpsf: r.first_magpsf,
      firstFid: r.first_fid,
      possibleSnVotes: r.possible_sn,
      bogusVotes: r.bogus,
      consensus: consensusOf({ possibleSn: r.possible_sn, bogus: r.bogus }),
      myVotes: r.my_votes,
      flags: flags.get(r.oid) ?? [],
      modelSnProbability: uncertainty?.byOid.get(r.oid)?.p ?? null,
    })),
  };
}
