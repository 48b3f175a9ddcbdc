import { type CatalogInfo, listCatalogs } from "../catalogs/catalog-registry";
import { coneSearchCatalog } from "../catalogs/cone-search-catalog";
import type { Sql } from "../db/sql";

/** A catalog of TNS objects (loaded from TNS's public CSV, docs/sn-hunter.md) is named tns or tns_<anything>. */
export const TNS_CATALOG = /^tns(_|$)/;
/** Galaxy catalogs by name or description: GLADE, HECATE, NED-LVS, 2MPZ, or any that says "galaxy". */
export const GALAXY_CATALOG = /galax|glade|hecate|ned_?lvs|2mpz/i;

/** How far a host is looked for, and how close a TNS position must be to be the same transient. */
export const HOST_SEARCH_RADIUS_ARCSEC = 60;
export const TNS_MATCH_RADIUS_ARCSEC = 3;

export interface HostContext {
  /** The nearest galaxy over the loaded galaxy catalogs, or null (none loaded: galaxyCatalogs is empty). */
  nearestGalaxy: { catalog: string; id: string; offsetArcsec: number; className: string | null } | null;
  galaxyCatalogs: string[];
  /** The TNS object at this position, when a TNS catalog is loaded ("already reported as …"). */
  tns: { catalog: string; name: string; type: string | null; offsetArcsec: number } | null;
  tnsCatalogs: string[];
}

async function nearest(sql: Sql, catalogs: CatalogInfo[], raDeg: number, decDeg: number, radiusArcsec: number) {
  const found = await Promise.all(
    catalogs.map(async (catalog) => {
      const [source] = await coneSearchCatalog(sql, catalog, raDeg, decDeg, radiusArcsec, { limit: 1 });
      return source ? { catalog: catalog.name, source } : null;
    }),
  );
  return found.filter((f) => f !== null).sort((a, b) => a.source.distArcsec - b.source.distArcsec)[0] ?? null;
}

/** Host and TNS context of a position from the catalogs loaded with `npm run catalog:load`. */
export async function getHostContext(sql: Sql, raDeg: number, decDeg: number): Promise<HostContext> {
  const catalogs = await listCatalogs(sql);
  const tnsCatalogs = catalogs.filter((c) => TNS_CATALOG.test(c.name));
  const galaxyCatalogs = catalogs.filter((c) => !TNS_CATALOG.test(c.name) && GALAXY_CATALOG.test(`${c.name} ${c.description ?? ""}`));
  const [galaxy, tns] = await Promise.all([
    nearest(sql, galaxyCatalogs, raDeg, decDeg, HOST_SEARCH_RADIUS_ARCSEC),
    nearest(sql, tnsCatalogs, raDeg, decDeg, TNS_MATCH_RADIUS_ARCSEC),
  ]);
  return {
    nearestGalaxy: galaxy
      ? { catalog: galaxy.catalog, id: galaxy.source.id, offsetArcsec: galaxy.source.distArcsec, className: galaxy.source.className }
      : null,
    galaxyCatalogs: galaxyCatalogs.map((c) => c.name),
    tns: tns ? { catalog: tns.catalog, name: tns.source.id, type: tns.source.className, offsetArcsec: tns.source.distArcsec } : null,
    tnsCatalogs: tnsCatalogs.map((c) => c.name),
  };
}
