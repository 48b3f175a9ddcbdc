// ps1_ztf.unique1..3 (ALeRCE's PS1 "unique" flags): true while the nearest PS1 sources of an object
// have kept the same ids over all of its alerts. Recomputed for the batch's objects from every stored
// ps1_ztf row, so arrival order and replays do not change the result. The counter is the rows changed.
import type pg from "pg";
import type { Ps1Ztf } from "../../generated/prisma/client";
import { type BatchStep, type CreatedObjects, NO_CREATED_OBJECTS } from "../step";

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

const SET_PS1_UNIQUE_SQL = `
UPDATE ps1_ztf p SET unique1 = u.unique1, unique2 = u.unique2, unique3 = u.unique3
FROM unnest($1::text[], $2::bigint[], $3::boolean[], $4::boolean[], $5::boolean[]) AS u(oid, candid, unique1, unique2, unique3)
WHERE p.oid = u.oid AND p.candid = u.candid`;

type Ps1Flags = Pick<Ps1Ztf, "unique1" | "unique2" | "unique3">;

/**
 * The flags of objects the batch created, from the batch's ps1_ztf rows (nothing else of theirs is
 * stored): the SQL above in memory — count(DISTINCT) of each id, nulls left out — and the rows whose
 * written flags differ.
 */
export function createdObjectsPs1Changes(created: CreatedObjects): (Ps1Flags & { oid: string; candid: bigint })[] {
  const ids = new Map<string, [Set<bigint>, Set<bigint>, Set<bigint>]>();
  const rows = created.ps1.filter((r) => created.oids.has(r.oid));
  for (const r of rows) {
    let sets = ids.get(r.oid);
    if (!sets) ids.set(r.oid, (sets = [new Set(), new Set(), new Set()]));
    if (r.objectidps1 !== null) sets[0].add(r.objectidps1);
    if (r.objectidps2 !== null) sets[1].add(r.objectidps2);
    if (r.objectidps3 !== null) sets[2].add(r.objectidps3);
  }
  const changes: (Ps1Flags & { oid: string; candid: bigint })[] = [];
  for (const r of rows) {
    const [s1, s2, s3] = ids.get(r.oid)!;
    const flags = { unique1: s1.size <= 1, unique2: s2.size <= 1, unique3: s3.size <= 1 };
    if (flags.unique1 !== r.unique1 || flags.unique2 !== r.unique2 || flags.unique3 !== r.unique3) {
      changes.push({ oid: r.oid, candid: r.candid, ...flags });
    }
  }
  return changes;
}

export async function recomputePs1Unique(
  tx: Pick<pg.PoolClient, "query">,
  oids: readonly string[],
  created: CreatedObjects = NO_CREATED_OBJECTS,
): Promise<number> {
  let changed = 0;
  const known = oids.filter((oid) => !created.oids.has(oid));
  if (known.length > 0) changed += (await tx.query(RECOMPUTE_PS1_UNIQUE_SQL, [known])).rowCount ?? 0;
  const changes = createdObjectsPs1Changes(created);
  if (changes.length > 0) {
    const result = await tx.query(SET_PS1_UNIQUE_SQL, [
      changes.map((c) => c.oid),
      changes.map((c) => c.candid.toString()),
      changes.map((c) => c.unique1),
      changes.map((c) => c.unique2),
      changes.map((c) => c.unique3),
    ]);
    changed += result.rowCount ?? 0;
  }
  return changed;
}

export const ps1UniqueStep: BatchStep = {
  name: "ps1-unique",
  version: "1",
  stage: "batch",
  reads: ["ps1_ztf"],
  writes: ["ps1_ztf"],
  offReason: () => null,
  run: async ({ tx, oids, created }) => ({ rows: await recomputePs1Unique(tx, oids, created) }),
};
