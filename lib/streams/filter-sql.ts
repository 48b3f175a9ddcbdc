// One filter definition → one parameterised SQL query over alerts (detection rows with
// parent_candid null: an alert's own candidate). The same text runs for the three uses, only the
// scope differs: every alert (the search), the alerts of a batch (the ingest step), the alerts of
// a past MJD range (the replay). Identifiers are ours; every user value is a $n parameter.
import { queryRows } from "../db/query-rows";
import type { Sql } from "../db/sql";
import { buildSearchSql, searchObjectsParamsSchema } from "../objects/search-objects";
import type { AlertConditions, FilterDefinition } from "./filter-definition";

type Param = (value: unknown) => string;
type ConditionSql<K extends keyof AlertConditions> = (value: NonNullable<AlertConditions[K]>, param: Param) => string;

const rangeSql = (expression: string, r: { min?: number; max?: number }, param: Param): string => {
  const parts: string[] = [];
  if (r.min !== undefined) parts.push(`${expression} >= ${param(r.min)}::float8`);
  if (r.max !== undefined) parts.push(`${expression} <= ${param(r.max)}::float8`);
  return parts.join(" and ");
};

const classSql =
  (classifier: string): ConditionSql<"stampClass" | "lcClass"> =>
  (c, param) =>
    `exists (select 1 from probability pr where pr.oid = d.oid and pr.classifier_name = '${classifier}'` +
    ` and pr.class_name = ${param(c.className)} and pr.probability >= ${param(c.minProbability)}::float8` +
    `${c.topOnly ? " and pr.ranking = 1" : ""})`;

/** A PS1 source of the alert that is a star within `op` `arcsec`. */
const ps1StarWithin = (op: "<" | "<=", arcsec: number, minStarScore: number, param: Param) =>
  `exists (select 1 from ps1_ztf ps where ps.oid = d.oid and ps.candid = d.candid and ps.sgscore1 >= ${param(minStarScore)}::float8` +
  ` and ps.distpsnr1 >= 0 and ps.distpsnr1 ${op} ${param(arcsec)}::float8)`;

/**
 * The SQL of each alert condition, over `d` (the alert's detection row). Every field of
 * AlertConditions must have an entry (the mapped type makes a missing one a compile error).
 */
export const ALERT_CONDITION_SQL: { [K in keyof Required<AlertConditions>]: ConditionSql<K> } = {
  bands: (bands, param) => `d.fid = any(${param(bands)}::int[])`,
  magpsf: (r, param) => rangeSql("d.magpsf", r, param),
  positiveOnly: (on) => (on ? "d.isdiffpos > 0" : "true"),
  minRealBogus: (min, param) => `coalesce(d.drb, d.rb) >= ${param(min)}::float8`,
  riseRateMagPerDay: (r, param) =>
    rangeSql(
      `(select (prev.magpsf - d.magpsf) / nullif(d.mjd - prev.mjd, 0) from detection prev
        where prev.oid = d.oid and prev.fid = d.fid and prev.mjd < d.mjd order by prev.mjd desc limit 1)`,
      r,
      param,
    ),
  stampClass: classSql("stamp_classifier"),
  lcClass: classSql("lc_classifier"),
  crossmatch: (x, param) =>
    `${x.present ? "" : "not "}exists (select 1 from xmatch x where x.oid = d.oid${x.catalog ? ` and x.catid = ${param(x.catalog)}` : ""})`,
  ps1Star: (s, param) => {
    const parts: string[] = [];
    if (s.minArcsec !== undefined) parts.push(`not ${ps1StarWithin("<", s.minArcsec, s.minStarScore, param)}`);
    if (s.maxArcsec !== undefined) parts.push(ps1StarWithin("<=", s.maxArcsec, s.minStarScore, param));
    return parts.join(" and ");
  },
};

function conditionSql<K extends keyof AlertConditions>(key: K, value: NonNullable<AlertConditions[K]>, param: Param): string {
  const build: ConditionSql<K> = ALERT_CONDITION_SQL[key];
  return build(value, param);
}

/** Which alerts a filter is run over. */
export type FilterScope =
  { kind: "all" } | { kind: "candids"; candids: readonly (bigint | string)[] } | { kind: "mjd"; fromMjd: number; toMjd: number };

/** One alert that passed a filter. `candid` is decimal text (candids exceed 2^53). */
export interface FilterMatchRow {
  oid: string;
  candid: string;
  mjd: number;
}

/** `select d.oid, d.candid::text as candid, d.mjd` of the alerts in `scope` that pass `definition`. */
export function buildFilterSql(definition: FilterDefinition, scope: FilterScope): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const param: Param = (value) => {
    values.push(value);
    return `$${values.length}`;
  };
  const where = ["d.parent_candid is null"];
  if (scope.kind === "candids") where.push(`d.candid = any(${param(scope.candids.map(String))}::bigint[])`);
  if (scope.kind === "mjd") where.push(`d.mjd >= ${param(scope.fromMjd)}::float8 and d.mjd <= ${param(scope.toMjd)}::float8`);
  for (const key of Object.keys(definition.alert) as (keyof AlertConditions)[]) {
    const value = definition.alert[key];
    if (value === undefined) continue;
    const condition = conditionSql(key, value as NonNullable<AlertConditions[typeof key]>, param);
    if (condition) where.push(`(${condition})`);
  }
  // The Explorer's search over the alert's object, correlated: the exact text of searchObjects.
  const search = buildSearchSql(searchObjectsParamsSchema.parse(definition.search), { values, restrict: "o.oid = d.oid" });
  where.push(`exists (select 1 ${search.from})`);
  return { text: `select d.oid, d.candid::text as candid, d.mjd from detection d where ${where.join(" and ")}`, values: search.values };
}

/** The alerts in `scope` that pass the filter, by candid. */
export async function findFilterMatches(sql: Sql, definition: FilterDefinition, scope: FilterScope): Promise<FilterMatchRow[]> {
  const { text, values } = buildFilterSql(definition, scope);
  return queryRows<FilterMatchRow>(sql, `${text} order by d.candid`, values);
}
