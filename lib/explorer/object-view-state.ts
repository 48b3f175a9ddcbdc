/**
 * What an object page shows, all of it in the URL (`/object/ZTF18…?lc=folded&period=0.52&candid=…`),
 * so a copied link reopens the same view. Unknown or invalid values fall back to the defaults:
 * a hand-edited link still opens the page.
 */
export const LIGHTCURVE_MODES = ["diff", "apparent", "folded", "flux"] as const;
export type LightcurveMode = (typeof LIGHTCURVE_MODES)[number];
export const OBJECT_PANELS = [
  "lightcurve",
  "periodogram",
  "stamps",
  "sky",
  "classifications",
  "magstats",
  "features",
  "why-this-class",
  "crossmatch",
  "downloads",
] as const;
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
const oneOf = <T extends string>(values: readonly T[], value: string | undefined, fallback: T): T =>
  (values as readonly string[]).includes(value ?? "") ? (value as T) : fallback;

/**
 * Reads the view from URL parameters. Plain checks rather than zod: this runs in the browser on
 * every page (the panels read the URL), and these few enums and numbers need no schema library.
 */
export function parseObjectViewState(raw: Record<string, string | string[] | undefined> | URLSearchParams): ObjectViewState {
  const get = (key: string) => (raw instanceof URLSearchParams ? (raw.get(key) ?? undefined) : first(raw[key]));
  const candid = get("candid");
  // Some 2016 commissioning packets carry negative candids: they are still selectable.
  const validCandid = candid !== undefined && /^-?\d{1,19}$/.test(candid) ? candid : null;
  const periodText = get("period");
  const period = periodText === undefined || periodText.trim() === "" ? Number.NaN : Number(periodText);
  const hidden = (get("hide") ?? "").split(",").filter((x): x is ObjectPanel => (OBJECT_PANELS as readonly string[]).includes(x));
  return {
    lc: oneOf(LIGHTCURVE_MODES, get("lc"), DEFAULT_OBJECT_VIEW.lc),
    candid: validCandid,
    periodDays: Number.isFinite(period) && period > 0 && period <= 100_000 ? period : null,
    coords: oneOf(["deg", "sex"] as const, get("coords"), DEFAULT_OBJECT_VIEW.coords),
    time: oneOf(["utc", "mjd"] as const, get("time"), DEFAULT_OBJECT_VIEW.time),
    hidden: [...new Set(hidden)],
  };
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
