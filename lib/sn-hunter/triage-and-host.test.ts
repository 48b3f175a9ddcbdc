import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestClassifiedSample } from "../../tests/support/sn-hunter-testing";
import { createTestDatabase, type TestDatabase } from "../../tests/support/test-database";
import { loadCatalog } from "../catalogs/load-catalog";
import { CATALOG_FIXTURES_DIR } from "../catalogs/sample-catalogs";
import { getCandidateCard } from "./get-candidate-card";
import { listSnCandidates } from "./list-sn-candidates";
import { type TriageFacts, triageFlagsOf } from "./triage-flags";

const clean: TriageFacts = {
  ps1DistArcsec: 4,
  ps1Sgscore: 0.1,
  gaiaDistArcsec: 30,
  gaiaMag: 18,
  gaiaBrightDistArcsec: null,
  gaiaBrightMag: null,
  ssDistArcsec: null,
  ssName: null,
  isdiffpos: 1,
  sumrat: 1,
  drb: 0.99,
  rb: 0.8,
  knownSources: [],
};
const kinds = (facts: Partial<TriageFacts>) => triageFlagsOf({ ...clean, ...facts }).map((f) => f.kind);

describe("triageFlagsOf", () => {
  it("flags nothing on a clean candidate", () => {
    expect(kinds({})).toEqual([]);
  });
  it("flags a PS1 star within 1.5″ (sgscore1 > 0.5 only), a bright Gaia star, an asteroid, a negative or dipole difference, a low drb", () => {
    expect(kinds({ ps1DistArcsec: 1.39, ps1Sgscore: 0.9975 })).toEqual(["ps1_star"]);
    expect(kinds({ ps1DistArcsec: 1.39, ps1Sgscore: 0.5 })).toEqual([]); // 0.5: PS1 could not tell
    expect(kinds({ ps1DistArcsec: 1.59, ps1Sgscore: 0.999 })).toEqual([]);
    expect(kinds({ gaiaDistArcsec: 1.58, gaiaMag: 13.2 })).toEqual(["bright_star"]);
    expect(kinds({ gaiaDistArcsec: 0.76, gaiaMag: 16.1 })).toEqual([]); // a galaxy core Gaia saw
    expect(kinds({ gaiaBrightDistArcsec: 8, gaiaBrightMag: 9.5 })).toEqual(["bright_star"]);
    expect(kinds({ ssDistArcsec: 2.1, ssName: "12345" })).toEqual(["solar_system"]);
    expect(kinds({ isdiffpos: -1 })).toEqual(["negative_or_dipole"]);
    expect(kinds({ sumrat: 0.55 })).toEqual(["negative_or_dipole"]);
    expect(kinds({ drb: 0.2 })).toEqual(["low_real_bogus"]);
    expect(kinds({ drb: null, rb: 0.3 })).toEqual(["low_real_bogus"]);
    expect(kinds({ knownSources: [{ catalog: "vsx", id: "V1", className: "EA", distArcsec: 0.4 }] })).toEqual(["known_source"]);
  });
});

describe("SN Hunter triage aids on the real sample", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await ingestClassifiedSample(db);
    await loadCatalog(db.pool, {
      name: "tns",
      file: path.join(CATALOG_FIXTURES_DIR, "tns-sample", "tns_public_objects.csv"),
      mapping: { id: "name", class: "type", columns: ["redshift", "discoverymag"], units: { redshift: "" } },
    });
    await loadCatalog(db.pool, {
      name: "galaxies",
      file: path.join(CATALOG_FIXTURES_DIR, "galaxies-sample", "galaxies.csv"),
      mapping: { columns: ["Bmag", "z"], units: { z: "" } },
    });
  }, 300_000);
  afterAll(async () => db?.drop());

  const queue = (hideFlagged: boolean) =>
    listSnCandidates(db.pool, { windowHours: 168, limit: 100, sort: "probability", endMjd: 58452, hideFlagged });

  it("the queue flags ZTF18acsbufn (PS1 star 1.39″, sgscore1 0.9975) and ZTF18acsbjvt (G 13.2 star at 1.58″)", async () => {
    const { candidates } = await queue(false);
    const byOid = new Map(candidates.map((c) => [c.oid, c]));
    expect(byOid.get("ZTF18acsbufn")?.flags.map((f) => f.kind)).toContain("ps1_star");
    expect(byOid.get("ZTF18acsbjvt")?.flags.map((f) => f.kind)).toContain("bright_star");
  });

  it("flags nothing on ZTF18acsbutp (PS1 galaxy, sgscore1 0.003, no star nearby), whatever its SN probability", async () => {
    const card = (await getCandidateCard(db.pool, "ZTF18acsbutp"))!;
    expect(card.flags).toEqual([]);
  });

  it("hides flagged candidates on request and says how many", async () => {
    const all = await queue(false);
    const unflagged = await queue(true);
    const flagged = all.candidates.filter((c) => c.flags.length > 0).length;
    expect(flagged).toBeGreaterThan(5);
    expect(unflagged.candidates.map((c) => c.oid)).toEqual(all.candidates.filter((c) => c.flags.length === 0).map((c) => c.oid));
    expect(unflagged.hiddenFlagged).toBe(flagged);
    expect(unflagged.candidates.length).toBeGreaterThan(0);
  });

  it("the card of a flagged candidate carries the same flag, its stamps' detection and every stamped alert", async () => {
    const card = (await getCandidateCard(db.pool, "ZTF18acsbufn"))!;
    expect(card.flags.map((f) => f.kind)).toContain("ps1_star");
    expect(card.flags.find((f) => f.kind === "ps1_star")!.detail).toMatch(/1\.39″.*0\.99/);
    expect(card.stampedDetections.length).toBeGreaterThan(0);
    expect(card.stampedDetections.every((d) => d.hasStamp)).toBe(true);
    expect(card.stampedDetections[0]!.candid).toBe(card.stampAlert!.candid);
  });

  it("host context: the nearest galaxy with its offset and the TNS name and type from the loaded TNS CSV", async () => {
    const card = (await getCandidateCard(db.pool, "ZTF18abotthj"))!;
    expect(card.host.tns).toMatchObject({ catalog: "tns", name: "2099aaa", type: "SN Ia" });
    expect(card.host.tns!.offsetArcsec).toBeLessThan(1);
    expect(card.host.nearestGalaxy).toMatchObject({ catalog: "galaxies", id: "TESTGAL-1" });
    expect(card.host.nearestGalaxy!.offsetArcsec).toBeGreaterThan(2);
    expect(card.host.nearestGalaxy!.offsetArcsec).toBeLessThan(3);
    const far = (await getCandidateCard(db.pool, "ZTF18acsbjvt"))!;
    expect(far.host.tns).toBeNull();
    expect(far.host.tnsCatalogs).toEqual(["tns"]);
  });
});
