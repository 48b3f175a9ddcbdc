// Records the alerts that pass users' filters in filter_match: one INSERT … SELECT per filter, set-
// based in PostgreSQL over the alerts of a scope (a batch's candids in the ingest step, a chunk of
// a past range in a replay). (filter_id, candid) is the key, so a replayed batch records nothing twice.
import type { Sql } from "../db/sql";
import type { Logger } from "../server/logger";
import { type FilterDefinition, filterDefinitionSchema } from "./filter-definition";
import { buildFilterSql, type FilterScope } from "./filter-sql";

export interface StoredFilter {
  id: string;
  definition: FilterDefinition;
}

export type MatchSource = "ingest" | "replay";

/** Every saved filter with a definition this version reads (others are logged and left out). */
export async function listStoredFilters(sql: Sql, log?: Logger): Promise<StoredFilter[]> {
  const { rows } = await sql.query<{ id: string; definition: unknown }>("SELECT id, definition FROM stream_filter ORDER BY id");
  const filters: StoredFilter[] = [];
  for (const row of rows) {
    const parsed = filterDefinitionSchema.safeParse(row.definition);
    if (parsed.success) filters.push({ id: row.id, definition: parsed.data });
    else log?.warn({ filter: row.id, err: parsed.error.message }, "stored filter definition unreadable: skipped");
  }
  return filters;
}

/**
 * Inserts the matches of `filter` in `scope`, and for each new one a pending delivery per
 * destination of the filter (the outbox the delivery worker sends from, after the transaction);
 * returns how many matches are new.
 */
export async function recordFilterMatches(sql: Sql, filter: StoredFilter, scope: FilterScope, source: MatchSource): Promise<number> {
  const { text, values } = buildFilterSql(filter.definition, scope);
  const n = values.length;
  const { rows } = await sql.query<{ n: number }>(
    `WITH inserted AS (
       INSERT INTO filter_match (filter_id, candid, oid, mjd, source)
       SELECT $${n + 1}::uuid, m.candid::bigint, m.oid, m.mjd, $${n + 2} FROM (${text}) m
       ON CONFLICT (filter_id, candid) DO NOTHING
       RETURNING candid, oid
     ), outbox AS (
       INSERT INTO delivery (destination_id, candid, oid)
       SELECT d.id, i.candid, i.oid FROM inserted i JOIN stream_destination d ON d.filter_id = $${n + 1}::uuid
       ON CONFLICT (destination_id, candid) DO NOTHING
     )
     SELECT count(*)::int AS n FROM inserted`,
    [...values, filter.id, source],
  );
  return rows[0]?.n ?? 0;
}
