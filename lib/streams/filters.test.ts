import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALERT_FIXTURES_DIR } from "../../tests/support/alert-fixtures";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { loadStampClassifier } from "../classifiers/stamp/stamp-classifier";
import { readAlertSource } from "../ingest/alert-sources";
import { ingestAlertFiles } from "../ingest/ingest-alerts";
import { searchObjects } from "../objects/search-objects";
import { createPipeline } from "../pipeline/pipeline";
import { createLogger } from "../server/logger";
import { type FilterDefinitionInput, filterDefinitionSchema } from "./filter-definition";
import { findFilterMatches } from "./filter-sql";
import { runFilterReplay, startFilterReplay } from "./replay-filter";
import { saveFilter } from "./save-filter";

const NIGHT = path.join(ALERT_FIXTURES_DIR, "night-2018-11-29");

let db: TestDatabase;
let ownerId: string;

const save = (name: string, definition: FilterDefinitionInput) =>
  saveFilter(db.pool, ownerId, { name, description: "", public: false, definition: filterDefinitionSchema.parse(definition) });

async function recorded(filterId: string): Promise<{ candids: string[]; oids: string[] }> {
  const { rows } = await db.pool.query<{ candid: string; oid: string }>(
    "SELECT candid::text AS candid, oid FROM filter_match WHERE filter_id = $1 ORDER BY candid",
    [filterId],
  );
  return { candids: rows.map((r) => r.candid), oids: [...new Set(rows.map((r) => r.oid))].sort() };
}

/** Bright, positive g or r alerts of point-like transients far from PS1 stars, brightening. */
const ALERT_FILTER: FilterDefinitionInput = {
  alert: { bands: [1, 2], magpsf: { max: 19.5 }, positiveOnly: true, ps1Star: { minArcsec: 1.5 }, riseRateMagPerDay: { min: -0.05 } },
};
/** Objects the stamp classifier calls SN with p ≥ 0.3, seen at least twice. */
const CLASS_FILTER: FilterDefinitionInput = { search: { ndet: [2] }, alert: { stampClass: { className: "SN", minProbability: 0.3 } } };
/** Only the Explorer's search terms: objects with at least 3 detections in the first half of the night's MJDs. */
const SEARCH_FILTER: FilterDefinitionInput = { search: { ndet: [3], firstmjd: [58400] } };

const definitions = { alert: ALERT_FILTER, class: CLASS_FILTER, search: SEARCH_FILTER };
const ingestFilterIds: Record<string, string> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  const { rows } = await db.pool.query<{ id: string }>(
    "INSERT INTO app_user (id, email, display_name) VALUES (gen_random_uuid(), 'streams@example.org', 'Streams') RETURNING id",
  );
  ownerId = rows[0]!.id;
  for (const [key, definition] of Object.entries(definitions)) ingestFilterIds[key] = await save(`${key} (at ingest)`, definition);
  const stamp = await loadStampClassifier();
  try {
    await ingestAlertFiles(db.pool, readAlertSource(NIGHT), { batchSize: 50, pipeline: createPipeline({ models: { stamp } }) });
  } finally {
    await stamp.close();
  }
}, 300_000);
afterAll(async () => {
  await db?.drop();
});

describe("a filter: one definition for the search, the ingest step and the replay", () => {
  it("refuses anything that is not a typed definition (no SQL, no unknown fields)", () => {
    expect(filterDefinitionSchema.safeParse({ alert: { magpsf: { max: "19; drop table object" } } }).success).toBe(false);
    expect(filterDefinitionSchema.safeParse({ alert: { where: "1=1" } }).success).toBe(false);
    expect(filterDefinitionSchema.safeParse({ search: { ra: 10 } }).success).toBe(false);
    expect(filterDefinitionSchema.safeParse({ alert: { magpsf: { min: 20, max: 18 } } }).success).toBe(false);
    expect(filterDefinitionSchema.safeParse({ alert: { stampClass: { className: "SN'; --" } } }).success).toBe(false);
  });

  it.each(Object.keys(definitions))("%s filter: the ingest step recorded exactly the alerts its search returns", async (key) => {
    const definition = filterDefinitionSchema.parse(definitions[key as keyof typeof definitions]);
    const atIngest = await recorded(ingestFilterIds[key]!);
    const searched = await findFilterMatches(db.pool, definition, { kind: "all" });
    const searchedOids = [...new Set(searched.map((m) => m.oid))].sort();
    expect(atIngest.oids.length).toBeGreaterThan(0);
    expect(atIngest.oids).toEqual(searchedOids);
    if (key !== "search") expect(atIngest.candids).toEqual(searched.map((m) => m.candid));
  });

  it("a filter of search terms only lists the objects the Explorer's search lists", async () => {
    const page = await searchObjects(db.pool, { ...SEARCH_FILTER.search, page_size: 1000 });
    expect((await recorded(ingestFilterIds.search!)).oids).toEqual(page.items.map((o) => o.oid).sort());
  });

  it.each(Object.keys(definitions))("%s filter: a replay over the night's MJD range records the same objects", async (key) => {
    const { rows } = await db.pool.query<{ lo: number; hi: number }>(
      "SELECT min(mjd) AS lo, max(mjd) AS hi FROM detection WHERE parent_candid IS NULL",
    );
    const replayedId = await save(`${key} (replayed)`, definitions[key as keyof typeof definitions]);
    const replayId = await startFilterReplay(db.pool, replayedId, rows[0]!.lo, rows[0]!.hi);
    await runFilterReplay(db.pool, replayId, createLogger("test"));
    const { rows: progress } = await db.pool.query<{ status: string; alerts_total: number; alerts_done: number; matches: number }>(
      "SELECT status, alerts_total, alerts_done, matches FROM filter_replay WHERE id = $1",
      [replayId],
    );
    const replayed = await recorded(replayedId);
    expect(progress[0]).toMatchObject({ status: "done", matches: replayed.candids.length });
    expect(progress[0]!.alerts_done).toBe(progress[0]!.alerts_total);
    const atIngest = await recorded(ingestFilterIds[key]!);
    expect(replayed.oids).toEqual(atIngest.oids);
    if (key !== "search") expect(replayed.candids).toEqual(atIngest.candids);
  });
});
