import { z } from "zod";

/**
 * What an object page shows, all of it in the URL (`/object/ZTF18…?lc=folded&period=0.52&candid=…`),
 * so a copied link reopens the same view. Unknown or invalid values fall back to the defaults:
 * a hand-edited link still opens the page.
 */
export const LIGHTCURVE_MODES = ["diff", "apparent", "folded", "flux"] as const;
export type LightcurveMode = (typeof LIGHTCURVE_MODES)[number];
export const OBJECT_PANELS = ["lightcurve", "periodogram", "stamps", "sky", "classifications", "magstats", "features", "crossmatch", "downloads"] as const;
export type ObjectPanel = (typeof OBJECT_PANELS)[number];

export interface ObjectViewState {
  lc: LightcurveMode;
  /** Selected detection (its stamps are shown); null = the newest detection with stamps. */
  candid: string | null;
  /** Folding period in days; null = the best period of the periodogram. */
  periodDays: number | null;
  coords: "deg" | "sex";
  time: "utc" | "mjd";
  /** Panels the reader collapsed. */
  hidden: ObjectPanel[];
}

export const DEFAULT_OBJECT_VIEW: ObjectViewState = { lc: "diff", candid: null, periodDays: null, coords: "sex", time: "utc", hidden: [] };

const first = (v: string | string[] | null | undefined) => (Array.isArray(v) ? v[0] : v) ?? undefined;
const schema = z.object({
  lc: z.enum(LIGHTCURVE_MODES).catch(DEFAULT_OBJECT_VIEW.lc),
  // Some 2016 commissioning packets carry negative candids: they are still selectable.
  candid: z.string().regex(/^-?\d{1,19}$/).nullable().catch(null),
  period: z.coerce.number().finite().gt(0).max(100_000).nullable().catch(null),
  coords: z.enum(["deg", "sex"]).catch(DEFAULT_OBJECT_VIEW.coords),
  time: z.enum(["utc", "mjd"]).catch(DEFAULT_OBJECT_VIEW.time),
  hide: z.string().nullable().catch(null),
});

export function parseObjectViewState(raw: Record<string, string | string[] | undefined> | URLSearchParams): ObjectViewState {
  const get = (key: string) => (raw instanceof URLSearchParams ? (raw.get(key) ?? undefined) : first(raw[key]));
  const p = schema.parse({
    lc: get("lc"),
    candid: get("candid") ?? null,
    period: get("period") ?? null,
    coords: get("coords"),
    time: get("time"),
    hide: get("hide") ?? null,
  });
  const hidden = (p.hide ?? "").split(",").filter((x): x is ObjectPanel => (OBJECT_PANELS as readonly string[]).includes(x));
  return { lc: p.lc, candid: p.candid, periodDays: p.period, coords: p.coords, time: p.time, hidden: [...new Set(hidden)] };
}

/** The URL query for a view state; defaults are left out so plain links stay plain. */
export function objectViewQuery(state: ObjectViewState): string {
  const params = new URLSearchParams();
  if (state.lc !== DEFAULT_OBJECT_VIEW.lc) params.set("lc", state.lc);
  if (state.candid) params.set("candid", state.candid);
  if (state.periodDays !== null) params.set("period", String(Number(state.periodDays.toPrecision(10))));
  if (state.coords !== DEFAULT_OBJECT_VIEW.coords) params.set("coords", state.coords);
  if (state.time !== DEFAULT_OBJECT_VIEW.time) params.set("time", state.time);
  if (state.hidden.length > 0) params.set("hide", [...state.hidden].sort().join(","));
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}
