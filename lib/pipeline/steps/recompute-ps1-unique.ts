// ps1_ztf.unique1..3 (ALeRCE's PS1 "unique" flags): true while the nearest PS1 sources of an object
// have kept the same ids over all of its alerts. Recomputed for the batch's objects from every stored
// ps1_ztf row, so arrival order and replays do not change the result. The counter is the rows changed.
import type pg from "pg";
import type { BatchStep } from "../step";

const RECOMPUTE_PS1_UNIQUE_SQL = `
UPDATE ps1_ztf p
SET unique1 = u.n1 <= 1, unique2 = u.n2 <= 1, unique3 = u.n3 <= 1
FROM (
  SELECT oid, count(DISTINCT objectidps1) AS n1, count(DISTINCT objectidps2) AS n2, count(DISTINCT objectidps3) AS n3
  FROM ps1_ztf WHERE oid = ANY($1::text[]) GROUP BY oid
) u
WHERE p.oid = u.oid
  -- Only rows whose flags change: rewriting an unchanged row (most rows, e.g. every row of a new
  -- object) costs a new tuple version and its index entries for nothing.
  AND (p.unique1, p.unique2, p.unique3) IS DISTINCT FROM (u.n1 <= 1, u.n2 <= 1, u.n3 <= 1)`;

export async function recomputePs1Unique(tx: Pick<pg.PoolClient, "query">, oids: readonly string[]): Promise<number> {
  const result = await tx.query(RECOMPUTE_PS1_UNIQUE_SQL, [oids]);
  return result.rowCount ?? 0;
}

export const ps1UniqueStep: BatchStep = {
  name: "ps1-unique",
  version: "1",
  stage: "batch",
  reads: ["ps1_ztf"],
  writes: ["ps1_ztf"],
  offReason: () => null,
  run: async ({ tx, oids }) => ({ rows: await recomputePs1Unique(tx, oids) }),
};
