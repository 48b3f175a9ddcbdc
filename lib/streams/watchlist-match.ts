// Matching alerts against every watched position through the declination-zone index of
// lib/catalogs/sky-zones (ADR 0013): each alert's cone of the largest watched radius becomes one
// or two (zone, ra) range probes, one query joins all probes of a batch to watchlist_target's
// (zone, ra) btree, and the exact haversine keeps targets within their own radius. The cost
// grows with the alerts and the targets near them, not with the size of the watchlists.
import type { Sql } from "../db/sql";
import { coneProbes, normalizeRaDeg, sqlAngularDistanceArcsec } from "../catalogs/sky-zones";
import { numberArray } from "../catalogs/catalog-source";

/** Zone height of watchlist_target.zone (a 2″ cone touches one zone, rarely two). */
export const WATCHLIST_ZONE_HEIGHT_DEG = 0.05;

export interface AlertPosition {
  candid: bigint | string;
  oid: string;
  mjd: number;
  raDeg: number;
  decDeg: number;
}

/** Records each (watchlist, target, alert) within the target's radius, and the deliveries of the new ones; returns the new matches. */
export async function recordWatchlistMatches(sql: Sql, alerts: readonly AlertPosition[]): Promise<number> {
  if (alerts.length === 0) return 0;
  const { rows } = await sql.query<{ r: number | null }>("SELECT max(max_radius_arcsec) AS r FROM watchlist");
  const maxRadiusArcsec = rows[0]?.r ?? null;
  if (maxRadiusArcsec === null) return 0;
  const probe = {
    candid: [] as string[],
    oid: [] as string[],
    mjd: [] as number[],
    zone: [] as number[],
    raLo: [] as number[],
    raHi: [] as number[],
    ra: [] as number[],
    dec: [] as number[],
  };
  for (const alert of alerts) {
    const ra = normalizeRaDeg(alert.raDeg);
    for (const p of coneProbes(ra, alert.decDeg, maxRadiusArcsec / 3600, WATCHLIST_ZONE_HEIGHT_DEG)) {
      probe.candid.push(String(alert.candid));
      probe.oid.push(alert.oid);
      probe.mjd.push(alert.mjd);
      probe.zone.push(p.zone);
      probe.raLo.push(p.raLoDeg);
      probe.raHi.push(p.raHiDeg);
      probe.ra.push(ra);
      probe.dec.push(alert.decDeg);
    }
  }
  const distance = sqlAngularDistanceArcsec("q.ra", "q.dec", "t.ra", "t.dec");
  const result = await sql.query<{ n: number }>({
    name: "streams_watchlist_match",
    text: `WITH inserted AS (
      INSERT INTO watchlist_match (watchlist_id, target_id, candid, oid, mjd, separation_arcsec)
      SELECT t.watchlist_id, t.target_id, q.candid, q.oid, q.mjd, d.dist
      FROM unnest($1::bigint[], $2::text[], $3::float8[], $4::int[], $5::float8[], $6::float8[], $7::float8[], $8::float8[])
        AS q(candid, oid, mjd, zone, ra_lo, ra_hi, ra, dec)
      JOIN watchlist_target t ON t.zone = q.zone AND t.ra BETWEEN q.ra_lo AND q.ra_hi
      CROSS JOIN LATERAL (SELECT ${distance} AS dist) d
      WHERE d.dist <= t.radius_arcsec
      ON CONFLICT (watchlist_id, target_id, candid) DO NOTHING
      RETURNING watchlist_id, candid, oid
    ), outbox AS (
      INSERT INTO delivery (destination_id, candid, oid)
      SELECT DISTINCT d.id, i.candid, i.oid FROM inserted i JOIN stream_destination d ON d.watchlist_id = i.watchlist_id
      ON CONFLICT (destination_id, candid) DO NOTHING
    )
    SELECT count(*)::int AS n FROM inserted`,
    values: [
      probe.candid,
      probe.oid,
      numberArray(probe.mjd),
      numberArray(probe.zone),
      numberArray(probe.raLo),
      numberArray(probe.raHi),
      numberArray(probe.ra),
      numberArray(probe.dec),
    ],
  });
  return result.rows[0]?.n ?? 0;
}
