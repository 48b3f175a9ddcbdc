// Pipeline step (LSST): the batch's LSST objects against every loaded catalog, as the ZTF crossmatch
// step does (nearest source within CIELO_XMATCH_RADIUS_ARCSEC), written to lsst_xmatch. In a
// savepoint: a failure costs the batch its crossmatch rows, never the batch.
import { listCatalogs } from "../../catalogs/catalog-registry";
import { crossmatchCatalog } from "../../catalogs/crossmatch-catalog";
import { type ObjectPosition, writeXmatchRows } from "../../catalogs/xmatch-rows";
import type { LsstBatchStep } from "../step";

export const lsstCrossmatchStep: LsstBatchStep = {
  name: "lsst-crossmatch",
  version: "1",
  stage: "lsst-batch",
  reads: ["survey_object", "catalog", "catalog_<name>"],
  writes: ["lsst_xmatch"],
  offReason: ({ config }) => (config.xmatchRadiusArcsec > 0 ? null : "CIELO_XMATCH_RADIUS_ARCSEC=0"),
  run: async ({ tx, oids, config, log }) => {
    await tx.query("SAVEPOINT lsst_crossmatch");
    try {
      const catalogs = await listCatalogs(tx);
      let matches = 0;
      let objects: ObjectPosition[] = [];
      if (catalogs.length > 0) {
        const { rows } = await tx.query<{ oid: string; meanra: number; meandec: number }>(
          "SELECT oid, meanra, meandec FROM survey_object WHERE survey = 'lsst' AND oid = ANY($1::text[]) ORDER BY oid",
          [oids],
        );
        objects = rows.map((r) => ({ oid: r.oid, raDeg: r.meanra, decDeg: r.meandec }));
        for (const catalog of catalogs) {
          const found = await crossmatchCatalog(tx, catalog, objects, config.xmatchRadiusArcsec);
          matches += await writeXmatchRows(tx, catalog, objects, found, "lsst_xmatch");
        }
      }
      await tx.query("RELEASE SAVEPOINT lsst_crossmatch");
      return { objects: objects.length, matches, catalogs: catalogs.length, failed: 0 };
    } catch (error) {
      await tx.query("ROLLBACK TO SAVEPOINT lsst_crossmatch");
      log.warn({ err: (error as Error).message, objects: oids.length }, "LSST catalog crossmatch skipped for this batch");
      return { objects: 0, matches: 0, catalogs: 0, failed: 1 };
    }
  },
};
