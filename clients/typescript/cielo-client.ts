// A thin typed client for Cielo's public API (ALeRCE ZTF API v1 + avro service). Its types come
// from the same zod schemas the server validates and documents with (type-only imports: nothing
// of the server is bundled). Works in Node ≥ 20 and browsers (fetch).
//
// 64-bit integers: `candid` is a string; `parent_candid` / `pid` / `rfid` are JSON numbers, which
// JSON.parse rounds beyond 2^53 (ALeRCE sends them the same way) — use `candid` to identify alerts.
import type { z } from "zod";
import type { OrderByColumn } from "../../lib/objects/search-objects";
import type {
  classifierSchema,
  classSchema,
  detectionSchema,
  featureSchema,
  lightcurveSchema,
  magstatSchema,
  nonDetectionSchema,
  objectItemSchema,
  objectListPageSchema,
  probabilitySchema,
} from "../../lib/api/ztf-response-schemas";
import type {
  lsstDetectionSchema,
  lsstForcedPhotometrySchema,
  lsstObjectListItemSchema,
  lsstObjectSchema,
} from "../../lib/lsst/get-lsst-object";

export type ObjectListPage = z.infer<typeof objectListPageSchema>;
export type ObjectListItem = ObjectListPage["items"][number];
export type AstroObject = z.infer<typeof objectItemSchema>;
/** JSON.parse reads ALeRCE's 64-bit integers (pid, rfid, parent_candid) as numbers, rounded beyond 2^53. */
type Int64AsNumber<T> = {
  [K in keyof T]: T[K] extends number | bigint ? number : T[K] extends number | bigint | null ? number | null : T[K];
};
export type Detection = Int64AsNumber<z.infer<typeof detectionSchema>>;
export type NonDetection = z.infer<typeof nonDetectionSchema>;
export type Lightcurve = Omit<z.infer<typeof lightcurveSchema>, "detections"> & { detections: Detection[] };
export type Magstat = z.infer<typeof magstatSchema>;
export type Probability = z.infer<typeof probabilitySchema>;
export type Feature = z.infer<typeof featureSchema>;
export type Classifier = z.infer<typeof classifierSchema>;
export type ClassName = z.infer<typeof classSchema>;
export type StampType = "science" | "template" | "difference";
/** Multi-survey API (LSST): ids as decimal strings, fluxes in nJy, AB magnitudes derived. */
export type Survey = "lsst";
export type LsstObject = z.infer<typeof lsstObjectSchema>;
export type LsstObjectListPage = { total: number; page: number; page_size: number; items: z.infer<typeof lsstObjectListItemSchema>[] };
export type LsstDetection = z.infer<typeof lsstDetectionSchema>;
export type LsstForcedPhotometry = z.infer<typeof lsstForcedPhotometrySchema>;
export type LsstLightcurve = { detections: LsstDetection[]; non_detections: never[]; forced_photometry: LsstForcedPhotometry[] };

/** GET /objects parameters (ALeRCE's names; `class_name` is sent as `class`). */
export interface SearchObjectsQuery {
  oid?: string | string[];
  classifier?: string;
  classifier_version?: string;
  class_name?: string;
  ranking?: number;
  probability?: number;
  /** [min] or [min, max] */
  ndet?: [number] | [number, number];
  firstmjd?: [number] | [number, number];
  lastmjd?: [number] | [number, number];
  /** Cone search centre (degrees) and radius (arcsec, default 30). */
  ra?: number;
  dec?: number;
  radius?: number;
  page?: number;
  /** ≤ 1000; default 10 */
  page_size?: number;
  count?: boolean;
  order_by?: OrderByColumn;
  order_mode?: "ASC" | "DESC";
}

/** An error answer: ALeRCE's shapes (400 {errors, message}, 404 {message}, 429 {message} + Retry-After) plus Cielo's `code`. */
export class CieloApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Record<string, string>,
    readonly retryAfterSeconds?: number,
    /** bad_request, not_found, rate_limited, unavailable, internal, ... */
    readonly code?: string,
  ) {
    super(`${status}: ${message}${errors ? ` ${JSON.stringify(errors)}` : ""}`);
    this.name = "CieloApiError";
  }
}

type QueryValue = string | number | boolean | undefined | readonly (string | number)[];

function queryString(params: Record<string, QueryValue>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) search.append(key, String(v));
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export interface CieloClientOptions {
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}

export class CieloClient {
  private readonly base: string;
  private readonly fetcher: typeof fetch;

  /** `baseUrl`: the Cielo server, e.g. http://localhost:3000 */
  constructor(
    baseUrl: string,
    private readonly options: CieloClientOptions = {},
  ) {
    this.base = baseUrl.replace(/\/+$/, "");
    this.fetcher = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  private async request(path: string, params: Record<string, QueryValue> = {}): Promise<Response> {
    const response = await this.fetcher(`${this.base}${path}${queryString(params)}`, { headers: this.options.headers });
    if (!response.ok) {
      let body: { message?: string; code?: string; errors?: Record<string, string> } = {};
      try {
        body = (await response.json()) as typeof body;
      } catch {
        // not JSON
      }
      const retry = response.headers.get("retry-after");
      throw new CieloApiError(
        response.status,
        body.message ?? response.statusText,
        body.errors,
        retry ? Number(retry) : undefined,
        body.code,
      );
    }
    return response;
  }

  private async json<T>(path: string, params?: Record<string, QueryValue>): Promise<T> {
    return (await (await this.request(path, params)).json()) as T;
  }

  private v1 = (path: string) => `/api/ztf/v1${path}`;
  private oidPath = (oid: string, rest = "") => this.v1(`/objects/${encodeURIComponent(oid)}${rest}`);

  searchObjects(query: SearchObjectsQuery = {}): Promise<ObjectListPage> {
    const { class_name, ...rest } = query;
    return this.json(this.v1("/objects"), { ...rest, class: class_name });
  }
  getObject(oid: string): Promise<AstroObject> {
    return this.json(this.oidPath(oid));
  }
  getLightcurve(oid: string): Promise<Lightcurve> {
    return this.json(this.oidPath(oid, "/lightcurve"));
  }
  getDetections(oid: string): Promise<Detection[]> {
    return this.json(this.oidPath(oid, "/detections"));
  }
  getNonDetections(oid: string): Promise<NonDetection[]> {
    return this.json(this.oidPath(oid, "/non_detections"));
  }
  getMagstats(oid: string): Promise<Magstat[]> {
    return this.json(this.oidPath(oid, "/magstats"));
  }
  getProbabilities(oid: string, filter: { classifier?: string; classifier_version?: string } = {}): Promise<Probability[]> {
    return this.json(this.oidPath(oid, "/probabilities"), filter);
  }
  getFeatures(oid: string, filter: { fid?: number; version?: string } = {}): Promise<Feature[]> {
    return this.json(this.oidPath(oid, "/features"), filter);
  }
  getFeature(oid: string, name: string, filter: { fid?: number; version?: string } = {}): Promise<Feature[]> {
    return this.json(this.oidPath(oid, `/features/${encodeURIComponent(name)}`), filter);
  }
  listClassifiers(): Promise<Classifier[]> {
    return this.json(this.v1("/classifiers"));
  }
  getClassifierClasses(name: string, version: string): Promise<ClassName[]> {
    return this.json(this.v1(`/classifiers/${encodeURIComponent(name)}/${encodeURIComponent(version)}/classes`));
  }

  /** URL of a stamp, for an <img> (png) or a download (fits). */
  stampUrl(oid: string, candid: string, type: StampType, format: "png" | "fits" = "png"): string {
    return `${this.base}/api/avro/get_stamp${queryString({ oid, candid, type, format })}`;
  }
  /** A stamp's bytes: gzipped FITS exactly as the alert carried it, or a PNG. */
  async getStamp(oid: string, candid: string, type: StampType, format: "png" | "fits" = "fits"): Promise<Uint8Array> {
    return new Uint8Array(await (await this.request("/api/avro/get_stamp", { oid, candid, type, format })).arrayBuffer());
  }
  /** The alert as an Avro file. */
  async getAvro(oid: string, candid: string): Promise<Uint8Array> {
    return new Uint8Array(await (await this.request("/api/avro/get_avro", { oid, candid })).arrayBuffer());
  }
  // Multi-survey API (ALeRCE's multisurvey route names, survey_id parameter).
  listSurveyObjects(
    survey_id: Survey,
    query: { ra?: number; dec?: number; radius?: number; page?: number; page_size?: number } = {},
  ): Promise<LsstObjectListPage> {
    return this.json("/api/multisurvey/object_api/list_objects", { survey_id, ...query });
  }
  getSurveyObject(survey_id: Survey, oid: string): Promise<LsstObject> {
    return this.json("/api/multisurvey/object_api/object", { survey_id, oid });
  }
  getSurveyDetections(survey_id: Survey, oid: string): Promise<LsstDetection[]> {
    return this.json("/api/multisurvey/lightcurve_api/detections", { survey_id, oid });
  }
  getSurveyForcedPhotometry(survey_id: Survey, oid: string): Promise<LsstForcedPhotometry[]> {
    return this.json("/api/multisurvey/lightcurve_api/forced-photometry", { survey_id, oid });
  }
  getSurveyLightcurve(survey_id: Survey, oid: string): Promise<LsstLightcurve> {
    return this.json("/api/multisurvey/lightcurve_api/lightcurve", { survey_id, oid });
  }
  /** URL of an LSST cutout as a north-up PNG (psf: its PSF model). */
  surveyStampUrl(survey_id: Survey, measurementId: string, kind: StampType, psf = false): string {
    return `${this.base}/api/multisurvey/stamp_api/stamp${queryString({ survey_id, measurement_id: measurementId, kind, psf: String(psf) })}`;
  }

  /** The alert record as JSON (64-bit integers as strings, no cutouts). */
  getAlert(oid: string, candid: string): Promise<Record<string, unknown>> {
    return this.json("/api/avro/get_alert", { oid, candid });
  }
}
