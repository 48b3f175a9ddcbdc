// Cielo's catalog service with the routes, parameters and response shapes of ALeRCE's catsHTM
// service (catshtm.alerce.online, used by alerce/crossmatch.py): conesearch, conesearch_all,
// crossmatch, crossmatch_all, plus the list of loaded catalogs. Parameters are validated with the
// rest of the API's error shape (400 {"errors": {...}, "message": "Input payload validation failed"}).
import { z } from "zod";
import type { Sql } from "../db/sql";
import type { ApiRequest, ApiResult } from "./api-handler";
import { parseParams, validationError } from "../errors/app-error";
import { floatParam, stringParam } from "../http/query-params";
import { type CatalogInfo, listCatalogs } from "../catalogs/catalog-registry";
import { coneSearchCatalog, MAX_CONE_RADIUS_ARCSEC } from "../catalogs/cone-search-catalog";
import { crossmatchCatalog } from "../catalogs/crossmatch-catalog";
import { toCatshtmColumns, toCatshtmRow } from "../catalogs/catshtm-format";

/** Most rows one cone search returns per catalog (nearest first). */
export const CONE_ROW_LIMIT = 10_000;

const ra = floatParam()
  .refine((v) => v >= 0 && v <= 360, "ra must be within [0, 360] degrees")
  .describe("Right ascension, degrees (ICRS)");
const dec = floatParam()
  .refine((v) => v >= -90 && v <= 90, "dec must be within [-90, 90] degrees")
  .describe("Declination, degrees (ICRS)");
const radius = floatParam()
  .refine((v) => v > 0 && v <= MAX_CONE_RADIUS_ARCSEC, `radius must be within (0, ${MAX_CONE_RADIUS_ARCSEC}] arcsec`)
  .describe("Radius, arcseconds");
const catalog = stringParam().describe("Catalog name (GET /api/catshtm/catalogs lists them)");

export const conesearchParamsSchema = z.object({ catalog, ra, dec, radius });
export const conesearchAllParamsSchema = z.object({ ra, dec, radius });
export const crossmatchParamsSchema = z.object({
  catalog,
  ra,
  dec,
  radius: radius.optional().describe("Radius, arcseconds (default: the catalog's default_radius_arcsec)"),
});
export const crossmatchAllParamsSchema = z.object({ ra, dec, radius: crossmatchParamsSchema.shape.radius });

/** The loaded catalog a `catalog` parameter names (case-insensitive), or a 400 naming the loaded ones. */
function pickCatalog(catalogs: CatalogInfo[], name: string): CatalogInfo {
  const found = catalogs.find((c) => c.name === name.toLowerCase());
  if (!found) {
    const loaded = catalogs.map((c) => c.name).join(", ") || "none";
    throw validationError({ catalog: `unknown catalog '${name.slice(0, 60)}' (loaded catalogs: ${loaded})` });
  }
  return found;
}

export async function handleConesearch(db: Sql, req: ApiRequest<unknown>): Promise<ApiResult> {
  const params = parseParams(conesearchParamsSchema, req.query);
  const info = pickCatalog(await listCatalogs(db), params.catalog);
  const sources = await coneSearchCatalog(db, info, params.ra, params.dec, params.radius, { limit: CONE_ROW_LIMIT });
  return { json: sources.length ? { [info.name]: toCatshtmColumns(info, sources) } : {} };
}

export async function handleConesearchAll(db: Sql, req: ApiRequest<unknown>): Promise<ApiResult> {
  const params = parseParams(conesearchAllParamsSchema, req.query);
  const catalogs: Record<string, unknown>[] = [];
  for (const info of await listCatalogs(db)) {
    const sources = await coneSearchCatalog(db, info, params.ra, params.dec, params.radius, { limit: CONE_ROW_LIMIT });
    if (sources.length) catalogs.push({ [info.name]: toCatshtmColumns(info, sources) });
  }
  return { json: { catalogs } };
}

export async function handleCrossmatch(db: Sql, req: ApiRequest<unknown>): Promise<ApiResult> {
  const params = parseParams(crossmatchParamsSchema, req.query);
  const info = pickCatalog(await listCatalogs(db), params.catalog);
  const [nearest] = await crossmatchCatalog(
    db,
    info,
    [{ raDeg: params.ra, decDeg: params.dec }],
    params.radius ?? info.defaultRadiusArcsec,
  );
  return { json: toCatshtmRow(info, nearest ?? null) };
}

export async function handleCrossmatchAll(db: Sql, req: ApiRequest<unknown>): Promise<ApiResult> {
  const params = parseParams(crossmatchAllParamsSchema, req.query);
  const out: Record<string, unknown>[] = [];
  for (const info of await listCatalogs(db)) {
    const [nearest] = await crossmatchCatalog(
      db,
      info,
      [{ raDeg: params.ra, decDeg: params.dec }],
      params.radius ?? info.defaultRadiusArcsec,
    );
    if (nearest) out.push({ [info.name]: toCatshtmRow(info, nearest) });
  }
  return { json: out };
}

export const catalogListItemSchema = z.object({
  name: z.string(),
  rows: z.number().int(),
  bad_rows: z.number().int(),
  columns: z.array(z.object({ name: z.string(), unit: z.string() })),
  has_class: z.boolean(),
  has_period: z.boolean(),
  default_radius_arcsec: z.number(),
  source_file: z.string(),
  description: z.string().nullable(),
  loaded_at: z.string(),
});

export async function handleListCatalogs(db: Sql): Promise<ApiResult> {
  const catalogs = (await listCatalogs(db)).map((c) =>
    catalogListItemSchema.parse({
      name: c.name,
      rows: c.rows,
      bad_rows: c.badRows,
      columns: c.columns,
      has_class: c.hasClass,
      has_period: c.hasPeriod,
      default_radius_arcsec: c.defaultRadiusArcsec,
      source_file: c.sourceFile,
      description: c.description,
      loaded_at: c.loadedAt.toISOString(),
    }),
  );
  return { json: { catalogs } };
}
