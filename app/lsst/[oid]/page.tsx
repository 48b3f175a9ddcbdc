import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackToSearchLink } from "@/components/explorer/back-to-search-link";
import { LinkOuts } from "@/components/explorer/link-outs";
import { LsstPanel } from "@/components/lsst/lsst-panel";
import { LsstCutouts } from "@/components/lsst/lsst-cutouts";
import { LsstLcClassificationView } from "@/components/lsst/lsst-lc-classification";
import { LsstLightcurvePlot } from "@/components/lsst/lsst-lightcurve-plot";
import { LsstPhotometryTable } from "@/components/lsst/lsst-photometry-table";
import {
  getLsstDetections,
  getLsstFluxStats,
  getLsstForcedPhotometry,
  getLsstObject,
  getLsstStampDetection,
  lsstObjectIdSchema,
} from "@/lib/lsst/get-lsst-object";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ oid: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { oid } = await params;
  return { title: `LSST ${oid}` };
}

const fmt = (value: number | null, digits = 1) => (value === null ? "—" : value.toFixed(digits));

/** An LSST object (ADR 0032): light curve in nJy and AB mag, forced photometry, cutouts north up, flux statistics, ZTF links. */
export default async function LsstObjectPage({ params }: Props) {
  const { oid } = await params;
  if (!lsstObjectIdSchema.safeParse(oid).success) notFound();
  const { readPool } = getDb();
  const object = await getLsstObject(readPool, oid);
  if (!object) notFound();
  const [detections, forced, stats, stampDetection] = await Promise.all([
    getLsstDetections(readPool, oid),
    getLsstForcedPhotometry(readPool, oid),
    getLsstFluxStats(readPool, oid),
    getLsstStampDetection(readPool, oid),
  ]);

  return (
    <article className="flex flex-col gap-4">
      <header className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="font-mono text-2xl font-semibold">{object.oid}</h1>
        <span className="rounded border border-line px-2 text-sm">Rubin/LSST</span>
        <span className="text-sm text-muted">
          {object.ndet === 1 ? "1 detection" : `${object.ndet} detections`}, {object.nforced} forced photometry
        </span>
        <BackToSearchLink />
      </header>

      <section aria-labelledby="basic-info" className="rounded border border-line bg-panel p-4">
        <h2 id="basic-info" className="mb-3 text-sm font-semibold">
          Basic information
        </h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt>RA, Dec (deg)</dt>
          <dd className="font-mono">
            {object.meanra.toFixed(6)}, {object.meandec.toFixed(6)}
          </dd>
          <dt>First, last MJD (TAI)</dt>
          <dd className="font-mono">
            {object.firstmjd.toFixed(5)}, {object.lastmjd.toFixed(5)}
          </dd>
          <dt>Seen by ZTF (within 1.5″)</dt>
          <dd data-testid="lsst-ztf-links">
            {object.ztf_links.length === 0
              ? "no ZTF object"
              : object.ztf_links.map((l) => (
                  <Link key={l.oid} href={`/object/${l.oid}`} className="mr-3 font-mono underline">
                    {l.oid} ({l.dist_arcsec.toFixed(2)}″)
                  </Link>
                ))}
          </dd>
        </dl>
        <div className="mt-4">
          <LinkOuts raDeg={object.meanra} decDeg={object.meandec} />
        </div>
      </section>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <LsstPanel id="lightcurve-flux" title="Light curve: difference flux (nJy)">
          <LsstLightcurvePlot detections={detections} forcedPhotometry={forced} unit="flux" />
        </LsstPanel>
        <LsstPanel id="lightcurve-mag" title="Light curve: apparent AB magnitude">
          <LsstLightcurvePlot detections={detections} forcedPhotometry={forced} unit="mag" />
          <p className="mt-2 text-sm text-muted">
            m = 31.4 − 2.5 log₁₀(f / nJy) of the flux on the science image (scienceFlux); the difference flux, often negative, is in the
            panel beside. Fluxes are stored as Rubin sends them; magnitudes are derived.
          </p>
        </LsstPanel>
      </div>

      <LsstPanel id="cutouts" title="Cutouts">
        {stampDetection ? (
          <LsstCutouts measurementId={stampDetection} />
        ) : (
          <p className="text-sm">No detection of this object carried cutouts.</p>
        )}
      </LsstPanel>

      <LsstPanel id="classifications" title="Classifications">
        <LsstLcClassificationView classification={object.lc_classification} />
        <p className="mt-3 text-sm" data-testid="lsst-classifier-note">
          The stamp classifier is ZTF-only: it was trained on ZTF stamps and is not run on Rubin cutouts. Rubin&apos;s own reliability score
          is stored with each detection but not used (brokers do not trust it yet).
        </p>
      </LsstPanel>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <LsstPanel id="flux-statistics" title="Flux statistics per band (nJy)">
          <table className="w-full text-sm">
            <thead>
              <tr>
                <th scope="col">band</th>
                <th scope="col">n</th>
                <th scope="col">mean</th>
                <th scope="col">median</th>
                <th scope="col">std</th>
                <th scope="col">min</th>
                <th scope="col">max</th>
              </tr>
            </thead>
            <tbody>
              {stats.map((s) => (
                <tr key={s.band}>
                  <th scope="row">{s.band}</th>
                  <td>{s.ndet}</td>
                  <td>{fmt(s.flux_mean_njy)}</td>
                  <td>{fmt(s.flux_median_njy)}</td>
                  <td>{fmt(s.flux_std_njy)}</td>
                  <td>{fmt(s.flux_min_njy)}</td>
                  <td>{fmt(s.flux_max_njy)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </LsstPanel>
        <LsstPanel id="forced-photometry" title="Forced photometry">
          <LsstPhotometryTable rows={forced} emptyText="No forced photometry yet (Rubin sends it with later alerts of the object)." />
        </LsstPanel>
      </div>
    </article>
  );
}
