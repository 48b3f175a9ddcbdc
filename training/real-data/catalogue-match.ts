// Positional labels for alerts without Fink's crossmatch: the GCVS, SPICY (YSOs) and 3HSP (blazars)
// catalogues Fink itself uses, matched within 1.5″ (Fink's radius for these catalogues).
import fs from "node:fs";
import path from "node:path";
import { parquetReadObjects } from "hyparquet";

export const MATCH_RADIUS_ARCSEC = 1.5;

interface Source {
  ra: number;
  dec: number;
  name: string;
}

/** Sources sorted by declination, searched by a binary search on dec and an exact angular distance. */
export class PositionalCatalogue {
  private readonly sources: Source[];
  constructor(
    readonly catalogue: string,
    sources: Source[],
  ) {
    this.sources = [...sources].sort((a, b) => a.dec - b.dec);
  }

  /** The nearest source within `radiusArcsec`, or null. */
  nearest(ra: number, dec: number, radiusArcsec = MATCH_RADIUS_ARCSEC): (Source & { distArcsec: number }) | null {
    const r = radiusArcsec / 3600;
    let lo = 0;
    let hi = this.sources.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sources[mid]!.dec < dec - r) lo = mid + 1;
      else hi = mid;
    }
    let best: (Source & { distArcsec: number }) | null = null;
    const rad = Math.PI / 180;
    for (let i = lo; i < this.sources.length && this.sources[i]!.dec <= dec + r; i++) {
      const s = this.sources[i]!;
      const cos = Math.sin(dec * rad) * Math.sin(s.dec * rad) + Math.cos(dec * rad) * Math.cos(s.dec * rad) * Math.cos((ra - s.ra) * rad);
      const dist = (Math.acos(Math.min(1, Math.max(-1, cos))) / rad) * 3600;
      if (dist <= radiusArcsec && (!best || dist < best.distArcsec)) best = { ...s, distArcsec: dist };
    }
    return best;
  }
}

async function readParquet(file: string, columns: string[]): Promise<Record<string, unknown>[]> {
  const buf = fs.readFileSync(file);
  return parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength), columns });
}

/** "00 01 16.37" / "+29 35 34.0" → degrees. */
export function sexagesimalToDegrees(text: string, hours: boolean): number {
  const parts = text.trim().split(/\s+/).map(Number);
  const sign = text.trim().startsWith("-") ? -1 : 1;
  const value = Math.abs(parts[0]!) + (parts[1] ?? 0) / 60 + (parts[2] ?? 0) / 3600;
  return sign * value * (hours ? 15 : 1);
}

/** GCVS, SPICY and 3HSP from the Fink catalogue folder (fink-alerts/fink-science). */
export async function loadLabelCatalogues(
  dir: string,
): Promise<{ gcvs: PositionalCatalogue; spicy: PositionalCatalogue; hsp: PositionalCatalogue }> {
  const gcvs = (await readParquet(path.join(dir, "gcvs.parquet"), ["ra", "dec", "VarType"])).map((r) => ({
    ra: r.ra as number,
    dec: r.dec as number,
    name: String(r.VarType).trim(),
  }));
  const spicy = (await readParquet(path.join(dir, "spicy.parquet"), ["RAdeg", "DEdeg", "class"])).map((r) => ({
    ra: r.RAdeg as number,
    dec: r.DEdeg as number,
    name: String(r.class).trim(),
  }));
  const hsp = fs
    .readFileSync(path.join(dir, "3hsp.csv"), "utf8")
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(",").map((c) => c.trim().replace(/^"(.*)"$/, "$1")))
    .filter((c) => c.length > 4 && c[3] && c[4])
    .map((c) => ({ ra: sexagesimalToDegrees(c[3]!, true), dec: sexagesimalToDegrees(c[4]!, false), name: c[1]! }));
  return {
    gcvs: new PositionalCatalogue(
      "GCVS",
      gcvs.filter((s) => Number.isFinite(s.ra) && Number.isFinite(s.dec)),
    ),
    spicy: new PositionalCatalogue("SPICY", spicy),
    hsp: new PositionalCatalogue("3HSP", hsp),
  };
}
