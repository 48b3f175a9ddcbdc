import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { ClassificationCharts } from "@/components/explorer/classification-charts";
import { DownloadsPanel } from "@/components/explorer/downloads-panel";
import { FeaturesTable } from "@/components/explorer/features-table";
import { LightcurvePanel } from "@/components/explorer/lightcurve-panel";
import { LinkOuts } from "@/components/explorer/link-outs";
import { MagstatsTable } from "@/components/explorer/magstats-table";
import { ObjectBasicInfo } from "@/components/explorer/object-basic-info";
import { ObjectPanel } from "@/components/explorer/object-panel";
import { PeriodogramSection } from "@/components/explorer/periodogram-section";
import { SkyCrossmatchPanels } from "@/components/explorer/sky-crossmatch-panels";
import { StampSection } from "@/components/explorer/stamp-section";
import { getObjectPeriodogram } from "@/lib/explorer/get-object-periodogram";
import type { MultibandPeriodogram } from "@/lib/features/multiband-periodogram";
import { describeFeature } from "@/lib/features/feature-catalog";
import { getObject } from "@/lib/objects/get-object";
import { getObjectFeatures } from "@/lib/objects/get-object-features";
import { getObjectLightcurve, toExplorerLightcurve } from "@/lib/objects/get-object-lightcurve";
import { getObjectMagstats } from "@/lib/objects/get-object-magstats";
import { getObjectProbabilities } from "@/lib/objects/get-object-probabilities";
import { getObjectXmatches } from "@/lib/objects/get-object-xmatches";
import { ztfObjectIdSchema } from "@/lib/objects/object-id";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ oid: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { oid } = await params;
  return { title: oid };
}

async function PeriodogramBlock({ periodogram }: { periodogram: Promise<MultibandPeriodogram | null> }) {
  const result = await periodogram;
  if (!result) {
    return (
      <p className="text-sm text-muted" data-testid="no-periodogram">
        Too few points for a periodogram (at least 8 detections in g or r are needed).
      </p>
    );
  }
  return (
    <PeriodogramSection
      periodsDays={result.periodsDays}
      power={result.power}
      bestPeriodDays={result.bestPeriodDays}
      bandPeriodsDays={result.bandPeriodsDays}
    />
  );
}

export default async function ObjectPage({ params }: Props) {
  const { oid } = await params;
  if (!ztfObjectIdSchema.safeParse(oid).success) notFound();
  const { readPool } = getDb();
  const object = await getObject(readPool, oid);
  if (!object) notFound();
  const [objectLightcurve, probabilities, magstats, features, xmatches] = await Promise.all([
    getObjectLightcurve(readPool, oid),
    getObjectProbabilities(readPool, oid),
    getObjectMagstats(readPool, oid),
    getObjectFeatures(readPool, oid),
    getObjectXmatches(readPool, oid),
  ]);
  // Null only if the object was deleted between the two reads.
  if (!objectLightcurve) notFound();
  const lightcurve = toExplorerLightcurve(objectLightcurve);
  const newestWithStamps = lightcurve.detections.filter((d) => d.hasStamp).at(-1)?.candid ?? null;
  const stampChoices = lightcurve.detections.map((d) => ({ candid: d.candid, mjd: d.mjd, fid: d.fid, hasStamp: d.hasStamp })).reverse();
  // Not awaited: the periodogram streams in when ready (Suspense below), the rest of the page first.
  const periodogram = getObjectPeriodogram(oid, lightcurve.detections);
  const top =
    (probabilities ?? []).find((p) => p.classifier_name === "lc_classifier" && p.ranking === 1) ??
    (probabilities ?? []).find((p) => p.ranking === 1);

  return (
    <article className="flex flex-col gap-4">
      <header className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="font-mono text-2xl font-semibold">{object.oid}</h1>
        <span className="text-sm text-muted">
          {object.ndet} detection{object.ndet === 1 ? "" : "s"}, {lightcurve.nonDetections.length} upper limit
          {lightcurve.nonDetections.length === 1 ? "" : "s"}
          {top ? ` · ${top.class_name} (${top.classifier_name}, P = ${top.probability.toFixed(2)})` : ""}
        </span>
        <Link href="/" className="ml-auto text-sm text-accent underline-offset-2 hover:underline">
          ← Search
        </Link>
      </header>

      <section aria-labelledby="basic-info" className="rounded border border-line bg-panel p-4">
        <h2 id="basic-info" className="mb-3 text-sm font-semibold">
          Basic information
        </h2>
        <ObjectBasicInfo
          info={{
            oid: object.oid,
            raDeg: object.meanra,
            decDeg: object.meandec,
            sigmaRaArcsec: object.sigmara === null ? null : object.sigmara * 3600,
            sigmaDecArcsec: object.sigmadec === null ? null : object.sigmadec * 3600,
            firstmjd: object.firstmjd,
            lastmjd: object.lastmjd,
            deltajd: object.deltajd,
            ndet: object.ndet,
            nonDetections: lightcurve.nonDetections.length,
            ndethist: object.ndethist,
            ncovhist: object.ncovhist,
            corrected: object.corrected,
            stellar: object.stellar,
          }}
        />
        <div className="mt-4">
          <LinkOuts raDeg={object.meanra} decDeg={object.meandec} />
        </div>
      </section>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <ObjectPanel id="lightcurve" title="Light curve">
          <Suspense fallback={<p className="text-sm text-muted">Computing the best period…</p>}>
            <LightcurvePanel
              detections={lightcurve.detections}
              nonDetections={lightcurve.nonDetections}
              bestPeriodDays={periodogram.then((p) => p?.bestPeriodDays ?? null)}
              defaultCandid={newestWithStamps}
            />
          </Suspense>
        </ObjectPanel>
        <ObjectPanel id="stamps" title="Stamps">
          <StampSection oid={object.oid} choices={stampChoices} defaultCandid={newestWithStamps} />
        </ObjectPanel>
      </div>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <ObjectPanel id="periodogram" title="Periodogram">
          <Suspense fallback={<p className="text-sm text-muted">Computing the periodogram…</p>}>
            <PeriodogramBlock periodogram={periodogram} />
          </Suspense>
        </ObjectPanel>
        <ObjectPanel id="classifications" title="Classifications">
          <ClassificationCharts probabilities={probabilities ?? []} />
        </ObjectPanel>
      </div>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <SkyCrossmatchPanels
          oid={object.oid}
          raDeg={object.meanra}
          decDeg={object.meandec}
          stored={
            xmatches.length === 0 ? (
              <p className="text-sm text-muted">No crossmatch stored by the pipeline for this object.</p>
            ) : (
              <table className="w-full text-sm" data-testid="xmatches">
                <caption className="mb-1 text-left text-xs text-muted">Stored by the pipeline (nearest counterpart per catalog)</caption>
                <thead className="text-xs uppercase tracking-wide text-muted">
                  <tr>
                    <th scope="col" className="py-1 text-left">
                      Catalog
                    </th>
                    <th scope="col" className="py-1 text-left">
                      Id
                    </th>
                    <th scope="col" className="py-1 text-right">
                      Distance (″)
                    </th>
                    <th scope="col" className="py-1 text-left">
                      Class
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-line">
                  {xmatches.map((x) => (
                    <tr key={x.catalog}>
                      <td className="py-0.5">{x.catalog}</td>
                      <td className="py-0.5 font-mono text-xs break-all">{x.catalogId}</td>
                      <td className="py-0.5 text-right font-mono">{x.distArcsec.toFixed(2)}</td>
                      <td className="py-0.5">{x.catalogClass ?? "–"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        />
      </div>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <ObjectPanel id="magstats" title="Magnitude statistics">
          <MagstatsTable magstats={magstats ?? []} />
        </ObjectPanel>
        <ObjectPanel id="downloads" title="Downloads">
          <DownloadsPanel oid={object.oid} />
        </ObjectPanel>
      </div>

      <ObjectPanel id="features" title="Light-curve features">
        <FeaturesTable features={features ?? []} describe={(name) => describeFeature(name) ?? undefined} />
      </ObjectPanel>
    </article>
  );
}
