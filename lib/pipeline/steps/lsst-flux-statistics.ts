// Pipeline step (LSST): per-band statistics of each object's difference-image PSF fluxes in nJy,
// recomputed from every stored diaSource of the batch's objects (ALeRCE's magstats, in flux: LSST
// fluxes can be negative, so no magnitude is averaged). Written to lsst_flux_stat.
import type { LsstBatchStep } from "../step";

export const LSST_FLUX_STATISTICS_VERSION = "1";

export const lsstFluxStatisticsStep: LsstBatchStep = {
  name: "lsst-flux-statistics",
  version: LSST_FLUX_STATISTICS_VERSION,
  stage: "lsst-batch",
  reads: ["lsst_dia_source"],
  writes: ["lsst_flux_stat"],
  offReason: () => null,
  run: async ({ tx, oids }) => {
    const { rowCount } = await tx.query(
      `INSERT INTO lsst_flux_stat (oid, band, ndet, mjd_first, mjd_last, flux_mean_njy, flux_median_njy, flux_std_njy,
         flux_min_njy, flux_max_njy, flux_first_njy, flux_last_njy, flux_wmean_njy, flux_wmean_err_njy, nneg, step_version)
       SELECT oid, band, count(*)::int, min(mjd), max(mjd), avg(f), percentile_cont(0.5) WITHIN GROUP (ORDER BY f),
         stddev_samp(f), min(f), max(f),
         (array_agg(f ORDER BY mjd, dia_source_id))[1], (array_agg(f ORDER BY mjd DESC, dia_source_id DESC))[1],
         CASE WHEN bool_and(e > 0) THEN sum(f / (e * e)) / sum(1 / (e * e)) END,
         CASE WHEN bool_and(e > 0) THEN sqrt(1 / sum(1 / (e * e))) END,
         count(*) FILTER (WHERE f < 0)::int, $2
       FROM (SELECT oid, band, mjd, dia_source_id, psf_flux_njy AS f, psf_flux_err_njy AS e
             FROM lsst_dia_source WHERE oid = ANY($1::text[]) AND psf_flux_njy IS NOT NULL AND psf_flux_njy = psf_flux_njy) d
       GROUP BY oid, band
       ON CONFLICT (oid, band) DO UPDATE SET ndet = excluded.ndet, mjd_first = excluded.mjd_first, mjd_last = excluded.mjd_last,
         flux_mean_njy = excluded.flux_mean_njy, flux_median_njy = excluded.flux_median_njy, flux_std_njy = excluded.flux_std_njy,
         flux_min_njy = excluded.flux_min_njy, flux_max_njy = excluded.flux_max_njy, flux_first_njy = excluded.flux_first_njy,
         flux_last_njy = excluded.flux_last_njy, flux_wmean_njy = excluded.flux_wmean_njy,
         flux_wmean_err_njy = excluded.flux_wmean_err_njy, nneg = excluded.nneg, step_version = excluded.step_version`,
      [oids, LSST_FLUX_STATISTICS_VERSION],
    );
    return { objects: oids.length, bands: rowCount ?? 0 };
  },
};
