import type { Sql } from "../db/sql";
import { GALAXY_CATALOG } from "./get-host-context";
import { KNOWN_SOURCE_CATALOG, type TriageFacts, triageFlagsOf, type TriageFlag } from "./triage-flags";

/**
 * The triage facts of each object (one query for the whole queue): its first alert (the earliest
 * alert candidate in the light curve), that alert's PS1 neighbour and data quality, the newest
 * Gaia and solar-system rows, and its crossmatches that say variable/AGN (a catalog of such sources
 * by name, or a class from any other catalog but TNS and galaxy catalogs, which are host context).
 */
export async function getTriageFacts(sql: Sql, oids: readonly string[]): Promise<Map<string, TriageFacts>> {
  const facts = new Map<string, TriageFacts>();
  if (oids.length === 0) return facts;
  const { rows } = await sql.query<{
    oid: string;
    distpsnr1: number | null;
    sgscore1: number | null;
    neargaia: number | null;
    maggaia: number | null;
    neargaiabright: number | null;
    maggaiabright: number | null;
    ssdistnr: number | null;
    ssnamenr: string | null;
    isdiffpos: number | null;
    sumrat: number | null;
    drb: number | null;
    rb: number | null;
    xmatches: { catalog: string; id: string; class_name: string | null; dist: number }[] | null;
  }>(
    `SELECT o.oid, ps.distpsnr1, ps.sgscore1, g.neargaia, g.maggaia, g.neargaiabright, g.maggaiabright,
            s.ssdistnr, s.ssnamenr, d.isdiffpos, dq.sumrat, d.drb, d.rb, x.xmatches
     FROM unnest($1::text[]) AS o(oid)
     LEFT JOIN LATERAL (SELECT distpsnr1, sgscore1 FROM ps1_ztf WHERE oid = o.oid ORDER BY candid LIMIT 1) ps ON true
     LEFT JOIN gaia_ztf g ON g.oid = o.oid
     LEFT JOIN ss_ztf s ON s.oid = o.oid
     LEFT JOIN LATERAL (
       SELECT candid, isdiffpos, drb, rb FROM detection WHERE oid = o.oid AND parent_candid IS NULL ORDER BY mjd, candid LIMIT 1
     ) d ON true
     LEFT JOIN dataquality dq ON dq.candid = d.candid
     LEFT JOIN LATERAL (
       SELECT json_agg(json_build_object('catalog', catid, 'id', oid_catalog, 'class_name', class_catalog, 'dist', dist) ORDER BY dist) AS xmatches
       FROM xmatch WHERE oid = o.oid AND catid !~* '^tns' AND catid !~* $3 AND (class_catalog IS NOT NULL OR catid ~* $2)
     ) x ON true`,
    [oids, KNOWN_SOURCE_CATALOG.source, GALAXY_CATALOG.source],
  );
  for (const r of rows) {
    facts.set(r.oid, {
      ps1DistArcsec: r.distpsnr1,
      ps1Sgscore: r.sgscore1,
      gaiaDistArcsec: r.neargaia,
      gaiaMag: r.maggaia,
      gaiaBrightDistArcsec: r.neargaiabright,
      gaiaBrightMag: r.maggaiabright,
      ssDistArcsec: r.ssdistnr,
      ssName: r.ssnamenr,
      isdiffpos: r.isdiffpos ?? 1,
      sumrat: r.sumrat,
      drb: r.drb,
      rb: r.rb,
      knownSources: (r.xmatches ?? []).map((x) => ({ catalog: x.catalog, id: x.id, className: x.class_name, distArcsec: x.dist })),
    });
  }
  return facts;
}

/** The flags of each object (none for an object without facts). */
export async function getTriageFlags(sql: Sql, oids: readonly string[]): Promise<Map<string, TriageFlag[]>> {
  const facts = await getTriageFacts(sql, oids);
  return new Map(oids.map((oid) => [oid, facts.has(oid) ? triageFlagsOf(facts.get(oid)!) : []]));
}
