// The catalogs bundled with Cielo (fixtures/catalogs) and their one-time load at `npm start`.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type pg from "pg";
import { getCatalog } from "./catalog-registry";
import { loadCatalog, type LoadCatalogOptions, type LoadCatalogResult } from "./load-catalog";

export const CATALOG_FIXTURES_DIR = path.resolve(import.meta.dirname, "../../fixtures/catalogs");

/** The real AllWISE rows of ALeRCE's CDS xmatch test response (fixtures/catalogs/allwise-sample/README.md). */
export const ALLWISE_SAMPLE: Omit<LoadCatalogOptions, "onProgress" | "file"> & { file: string } = {
  name: "allwise",
  file: path.join(CATALOG_FIXTURES_DIR, "allwise-sample", "response.csv"),
  mapping: {
    id: "AllWISE",
    ra: "RAJ2000",
    dec: "DEJ2000",
    coords: "deg",
    columns: [
      "W1mag",
      "W2mag",
      "W3mag",
      "W4mag",
      "Jmag",
      "Hmag",
      "Kmag",
      "e_W1mag",
      "e_W2mag",
      "e_W3mag",
      "e_W4mag",
      "e_Jmag",
      "e_Hmag",
      "e_Kmag",
    ],
  },
  defaultRadiusArcsec: 2,
  description: "AllWISE (VizieR II/328), 5,440-source sample: CDS XMatch response from ALeRCE's xmatch step tests",
};

export const SAMPLE_CATALOGS = [ALLWISE_SAMPLE];

const sha256Of = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");

/**
 * Loads each bundled catalog that is not loaded yet (or was loaded from a different file), and
 * returns what it loaded. A catalog of the same name loaded by the user from another file is left
 * alone: the user's full catalog wins over the sample.
 */
export async function ensureSampleCatalogs(pool: pg.Pool): Promise<LoadCatalogResult[]> {
  const loaded: LoadCatalogResult[] = [];
  for (const sample of SAMPLE_CATALOGS) {
    const current = await getCatalog(pool, sample.name);
    if (current && (current.sourceSha256 === sha256Of(sample.file) || current.sourceFile !== path.basename(sample.file))) continue;
    loaded.push(await loadCatalog(pool, sample));
  }
  return loaded;
}
