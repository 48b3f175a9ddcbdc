// `npm run train:from-votes` (ADR 0043): SN Hunter votes of approved reviewers → labels → a logistic
// model on the training share of the voted objects → evaluated on the held-out share next to the
// production model (the newest promoted vote model, or the stamp classifier's SN vs bogus view
// before any) → recorded in vote_model_version, promoted only when its held-out log loss is lower.
import { z } from "zod";
import type { Sql } from "../db/sql";
import { getVoteFeatures, type VoteFeatureRow } from "./vote-features";
import { getVoteLabels, isHeldOut, VOTE_HOLDOUT_PERCENT } from "./vote-labels";
import { fitVoteModel, predictVoteModel, voteMetrics, type VoteMetrics, type VoteModel } from "./vote-model";
import { getServingVoteModel, type VoteModelVersion } from "./serving-vote-model";

export const DEFAULT_MIN_VOTES = 30;

export const trainFromVotesOptionsSchema = z.object({
  /** Refuse to train below this many approved reviewers' votes (on objects with a majority). */
  minVotes: z.number().int().positive().default(DEFAULT_MIN_VOTES),
  l2: z.number().positive().default(1),
});
export type TrainFromVotesOptions = z.input<typeof trainFromVotesOptionsSchema>;

export type TrainFromVotesResult =
  | { status: "not_enough_votes"; votes: number; minVotes: number; message: string }
  | {
      status: "trained";
      version: number;
      promoted: boolean;
      comparedWith: string;
      candidate: VoteMetrics;
      production: VoteMetrics;
      trainVotes: number;
      holdoutVotes: number;
      trainObjects: number;
      holdoutObjects: number;
      message: string;
    };

const fmt = (m: VoteMetrics) =>
  `log loss ${m.log_loss.toFixed(4)}, accuracy ${(100 * m.accuracy).toFixed(1)} %, AUC ${m.auc === null ? "n/a" : m.auc.toFixed(3)}`;

function card(r: Extract<TrainFromVotesResult, { status: "trained" }>, model: VoteModel): string {
  const weights = model.columns.map((c, j) => `| ${c} | ${model.weights[j]!.toFixed(3)} |`).join("\n");
  return `# vote_model_${r.version}

Logistic regression (L2 = ${model.l2}) of "possible SN" vs "bogus" on ${model.columns.length} stored
features per object (the stamp classifier's probabilities, first-detection photometry and real/bogus
scores, detections, nearest PanSTARRS source), trained by \`npm run train:from-votes\`
(docs/decisions/0043-learning-from-votes.md).

- **Learned from ${r.trainVotes} votes** of approved SN Hunter reviewers on ${r.trainObjects} objects
  (label = the majority of an object's votes; ties left out).
- **Evaluated on ${r.holdoutVotes} held-out votes** on ${r.holdoutObjects} objects (${VOTE_HOLDOUT_PERCENT} % of voted
  objects, chosen by a hash of the objectId: never trained on).
- This model: ${fmt(r.candidate)}.
- Production (${r.comparedWith}): ${fmt(r.production)}.
- ${r.promoted ? "**Promoted**: lower held-out log loss than production; it now orders SN Hunter's uncertainty queue." : "**Not promoted**: no lower held-out log loss than production, which stays unchanged."}

| column (standardised) | weight |
|---|---|
${weights}
| intercept | ${model.intercept.toFixed(3)} |
`;
}

/** The production model's P(SN) for a row: the serving vote model, else the stamp classifier's SN vs bogus share. */
export function productionProbability(serving: VoteModelVersion | null, row: VoteFeatureRow): number {
  return serving ? predictVoteModel(serving.model, row.x) : row.stampSnVsBogus;
}

export async function trainFromVotes(sql: Sql, options: TrainFromVotesOptions = {}): Promise<TrainFromVotesResult> {
  const { minVotes, l2 } = trainFromVotesOptionsSchema.parse(options);
  const labels = (await getVoteLabels(sql)).filter((l) => l.label !== null);
  const votes = labels.reduce((s, l) => s + l.possibleSn + l.bogus, 0);
  if (votes < minVotes) {
    return {
      status: "not_enough_votes",
      votes,
      minVotes,
      message: `${votes} vote${votes === 1 ? "" : "s"} of approved reviewers on objects with a majority; at least ${minVotes} are needed (--min-votes). Nothing trained; production unchanged.`,
    };
  }
  const features = await getVoteFeatures(
    sql,
    labels.map((l) => l.oid),
  );
  const usable = labels.filter((l) => features.has(l.oid));
  const train = usable.filter((l) => !isHeldOut(l.oid));
  const holdout = usable.filter((l) => isHeldOut(l.oid));
  const classes = (ls: typeof usable) => new Set(ls.map((l) => l.label)).size;
  if (train.length === 0 || holdout.length === 0 || classes(train) < 2) {
    return {
      status: "not_enough_votes",
      votes,
      minVotes,
      message: `${votes} votes, but the split gives ${train.length} training objects (${classes(train)} class${classes(train) === 1 ? "" : "es"}) and ${holdout.length} held-out ones: both classes are needed to train and at least one held-out object to evaluate. Nothing trained; production unchanged.`,
    };
  }
  const model = fitVoteModel(
    train.map((l) => ({ x: features.get(l.oid)!.x, y: l.label! })),
    l2,
  );
  const serving = await getServingVoteModel(sql);
  const y = holdout.map((l) => l.label!);
  const candidate = voteMetrics(
    holdout.map((l) => predictVoteModel(model, features.get(l.oid)!.x)),
    y,
  );
  const production = voteMetrics(
    holdout.map((l) => productionProbability(serving, features.get(l.oid)!)),
    y,
  );
  const promoted = candidate.log_loss < production.log_loss;
  const comparedWith = serving ? `vote_model_${serving.version}` : "stamp_classifier";
  const count = (ls: typeof usable) => ls.reduce((s, l) => s + l.possibleSn + l.bogus, 0);
  const base = {
    status: "trained" as const,
    promoted,
    comparedWith,
    candidate,
    production,
    trainVotes: count(train),
    holdoutVotes: count(holdout),
    trainObjects: train.length,
    holdoutObjects: holdout.length,
  };
  const { rows } = await sql.query<{ version: number }>(
    `INSERT INTO vote_model_version (train_votes, holdout_votes, train_objects, holdout_objects, compared_with, evaluation, promoted, model, card)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '') RETURNING version`,
    [
      base.trainVotes,
      base.holdoutVotes,
      base.trainObjects,
      base.holdoutObjects,
      comparedWith,
      JSON.stringify({ candidate, production }),
      promoted,
      JSON.stringify(model),
    ],
  );
  const version = rows[0]!.version;
  const result = {
    ...base,
    version,
    message: `vote_model_${version}: learned from ${base.trainVotes} votes on ${base.trainObjects} objects; held out ${base.holdoutVotes} votes on ${base.holdoutObjects} objects. This model: ${fmt(candidate)}. Production (${comparedWith}): ${fmt(production)}. ${promoted ? "Promoted." : "Not promoted: production unchanged."}`,
  };
  await sql.query("UPDATE vote_model_version SET card = $2 WHERE version = $1", [version, card(result, model)]);
  return result;
}
