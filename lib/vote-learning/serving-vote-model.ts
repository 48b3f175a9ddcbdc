// The vote model that serves (ADR 0043): the newest promoted row of vote_model_version; none
// before the first promotion (the stamp classifier's SN vs bogus view serves then).
import { z } from "zod";
import type { Sql } from "../db/sql";
import { getVoteFeatures } from "./vote-features";
import { predictVoteModel, voteMetricsSchema, voteModelSchema, type VoteModel } from "./vote-model";

export interface VoteModelVersion {
  version: number;
  trainedAt: Date;
  trainVotes: number;
  holdoutVotes: number;
  promoted: boolean;
  comparedWith: string;
  evaluation: { candidate: z.infer<typeof voteMetricsSchema>; production: z.infer<typeof voteMetricsSchema> };
  model: VoteModel;
  card: string;
}

const evaluationSchema = z.object({ candidate: voteMetricsSchema, production: voteMetricsSchema });

interface Row {
  version: number;
  trained_at: Date;
  train_votes: number;
  holdout_votes: number;
  promoted: boolean;
  compared_with: string;
  evaluation: unknown;
  model: unknown;
  card: string;
}

const toVersion = (r: Row): VoteModelVersion => ({
  version: r.version,
  trainedAt: r.trained_at,
  trainVotes: r.train_votes,
  holdoutVotes: r.holdout_votes,
  promoted: r.promoted,
  comparedWith: r.compared_with,
  evaluation: evaluationSchema.parse(r.evaluation),
  model: voteModelSchema.parse(r.model),
  card: r.card,
});

const COLUMNS = "version, trained_at, train_votes, holdout_votes, promoted, compared_with, evaluation, model, card";

export async function getServingVoteModel(sql: Sql): Promise<VoteModelVersion | null> {
  const { rows } = await sql.query<Row>(`SELECT ${COLUMNS} FROM vote_model_version WHERE promoted ORDER BY version DESC LIMIT 1`);
  return rows[0] ? toVersion(rows[0]) : null;
}

/** Every trained version, newest first. */
export async function listVoteModelVersions(sql: Sql): Promise<VoteModelVersion[]> {
  const { rows } = await sql.query<Row>(`SELECT ${COLUMNS} FROM vote_model_version ORDER BY version DESC`);
  return rows.map(toVersion);
}

export interface SnVsBogus {
  /** P(real SN) of the serving model. */
  p: number;
  /** |p − 0.5|: 0 = the model cannot tell, 0.5 = sure. */
  margin: number;
}

/**
 * The serving model's P(SN vs bogus) for each object, with the name of what served it
 * ("vote_model_<v>" or "stamp_classifier" before any promotion).
 */
export async function snVsBogusProbabilities(
  sql: Sql,
  oids: readonly string[],
): Promise<{ servedBy: string; trainVotes: number | null; byOid: Map<string, SnVsBogus> }> {
  const [serving, features] = await Promise.all([getServingVoteModel(sql), getVoteFeatures(sql, oids)]);
  const byOid = new Map<string, SnVsBogus>();
  for (const [oid, row] of features) {
    const p = serving ? predictVoteModel(serving.model, row.x) : row.stampSnVsBogus;
    byOid.set(oid, { p, margin: Math.abs(p - 0.5) });
  }
  return { servedBy: serving ? `vote_model_${serving.version}` : "stamp_classifier", trainVotes: serving?.trainVotes ?? null, byOid };
}
