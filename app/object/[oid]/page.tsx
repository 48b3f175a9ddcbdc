import { DataQualityNotice } from "@/components/explorer/data-quality-notice";
import { AnomalyPanel } from "@/components/explorer/anomaly-panel";
import { getObjectAnomaly } from "@/lib/objects/get-object-anomaly";
import { getObjectDataQuality } from "@/lib/objects/get-object-data-quality";
import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { BackToSearchLink } from "@/components/explorer/back-to-search-link";
import { DownloadsPanel } from "@/components/explorer/downloads-panel";
import { ForecastPanel } from "@/components/explorer/forecast-panel";
import { getDefaultObjectForecast } from "@/lib/forecast/object-forecast";
import { LinkOuts } from "@/components/explorer/link-outs";
import { ObjectPanel } from "@/components/explorer/object-panel";
import { WhyThisClass } from "@/components/explorer/why-this-class";
import { SkyCrossmatchPanels } from "@/components/explorer/sky-crossmatch-panels";
import { getObjectPeriodogram } from "@/lib/explorer/get-object-periodogram";
import { parseObjectViewState } from "@/lib/explorer/object-view-state";
import { getObject } from "@/lib/objects/get-object";
import { getObjectFeatures } from "@/lib/objects/get-object-features";
import { getObjectLightcurve, toExplorerLightcurve } from "@/lib/objects/get-object-lightcurve";
import { getObjectMagstats } from "@/lib/objects/get-object-magstats";
import { getObjectProbabilities } from "@/lib/objects/get-object-probabilities";
import { getObjectXmatches } from "@/lib/objects/get-object-xmatches";
import { ztfObjectIdSchema } from "@/lib/objects/object-id";
import { getDb } from "@/lib/server/db";
import {
  BasicInfoSection,
  ClassificationsSection,
  defaultFoldPeriod,
  FeaturesSection,
  LightcurveSection,
  MagstatsSection,
  ObjectSummary,
  PeriodogramBlock,
  SectionSkeleton,
  StampsSection,
  StoredXmatches,
} from "./object-sections";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ oid: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { oid } = await params;
  return { title: oid };
}

/**
 * The object page answers once the object and its light curve are read (two indexed reads, in
 * parallel): that first HTML already holds the basic information, the light curve drawn as a static
 * SVG, and the stamps panel (docs/decisions/0026-object-page-static-first.md). Classifications,
 * magnitude statistics, features, crossmatches and last the periodogram (up to ~0.5 s of CPU) stream
 * after, each into its own Suspense boundary with a skeleton of its size.
 */
export default async function ObjectPage({ params, searchParams }: Props) {
  const { oid } = await params;
  if (!ztfObjectIdSchema.safeParse(oid).success) notFound();
  const { readPool } = getDb();
  // Started together, awaited by the sections that show them.
  const probabilities = getObjectProbabilities(readPool, oid);
  const magstats = getObjectMagstats(readPool, oid);
  const features = getObjectFeatures(readPool, oid);
  const xmatches = getObjectXmatches(readPool, oid);
  // Loaded lazily: a server without the light-curve model (or its decoder) still serves the page.
  const explanation = import("@/lib/explanations/lc-explanation").then((m) => m.getObjectLcExplanation(readPool, oid));
  // Each promise is awaited by a section; these keep a failure before then from being an unhandled rejection.
  for (const p of [probabilities, magstats, features, xmatches, explanation]) p.catch(() => undefined);
  const [object, rows, view, nonce] = await Promise.all([
    getObject(readPool, oid),
    getObjectLightcurve(readPool, oid),
    searchParams.then(parseObjectViewState),
    headers().then((h) => h.get("x-nonce") ?? undefined),
  ]);
  if (!object || !rows) notFound();
  const lightcurve = toExplorerLightcurve(rows);
  const periodogram = getObjectPeriodogram(oid, lightcurve.detections, { corrected: object.corrected });
  periodogram.catch(() => undefined);
  const defaultPeriod = defaultFoldPeriod(lightcurve, features, periodogram);
  defaultPeriod.catch(() => undefined);

  return (
    <article className="flex flex-col gap-4">
      <header className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="font-mono text-2xl font-semibold">{object.oid}</h1>
        <Suspense fallback={<span className="text-sm text-muted">{object.ndet === 1 ? "1 detection" : `${object.ndet} detections`}</span>}>
          <ObjectSummary ndet={object.ndet} nonDetections={lightcurve.nonDetections.length} probabilities={probabilities} />
        </Suspense>
        <BackToSearchLink />
      </header>
      <Suspense fallback={null}>
        <DataQualityNotice quality={getObjectDataQuality(readPool, oid)} />
      </Suspense>

      <section aria-labelledby="basic-info" className="rounded border border-line bg-panel p-4">
        <h2 id="basic-info" className="mb-3 text-sm font-semibold">
          Basic information
        </h2>
        <BasicInfoSection object={object} nonDetections={lightcurve.nonDetections.length} />
        <div className="mt-4">
          <LinkOuts raDeg={object.meanra} decDeg={object.meandec} />
        </div>
      </section>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <ObjectPanel id="lightcurve" title="Light curve">
          <LightcurveSection
            object={object}
            lightcurve={lightcurve}
            // A page opened folded on the default period waits for it; otherwise a fold awaits it in the browser.
            defaultPeriod={view.lc === "folded" && view.periodDays === null ? await defaultPeriod : defaultPeriod}
            nonce={nonce}
          />
        </ObjectPanel>
        <ObjectPanel id="stamps" title="Stamps">
          <StampsSection oid={object.oid} lightcurve={lightcurve} />
        </ObjectPanel>
      </div>
      <ForecastPanel forecast={getDefaultObjectForecast(readPool, oid)} />

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <ObjectPanel id="periodogram" title="Periodogram">
          <Suspense fallback={<SectionSkeleton label="Computing the periodogram…" className="h-[300px]" />}>
            <PeriodogramBlock periodogram={periodogram} />
          </Suspense>
        </ObjectPanel>
        <ObjectPanel id="classifications" title="Classifications">
          <Suspense fallback={<SectionSkeleton label="Loading the classifications…" />}>
            <ClassificationsSection probabilities={probabilities} />
          </Suspense>
        </ObjectPanel>
      </div>

      <AnomalyPanel anomaly={getObjectAnomaly(readPool, oid)} />

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <SkyCrossmatchPanels
          oid={object.oid}
          raDeg={object.meanra}
          decDeg={object.meandec}
          stored={
            <Suspense fallback={<SectionSkeleton label="Loading the crossmatches…" className="h-16" />}>
              <StoredXmatches xmatches={xmatches} />
            </Suspense>
          }
        />
      </div>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <ObjectPanel id="magstats" title="Magnitude statistics">
          <Suspense fallback={<SectionSkeleton label="Loading the magnitude statistics…" />}>
            <MagstatsSection magstats={magstats} />
          </Suspense>
        </ObjectPanel>
        <ObjectPanel id="downloads" title="Downloads">
          <DownloadsPanel oid={object.oid} />
        </ObjectPanel>
      </div>

      <ObjectPanel id="why-this-class" title="Why this class">
        <Suspense fallback={<SectionSkeleton label="Explaining the classification…" />}>
          <WhyThisClass explanation={explanation} />
        </Suspense>
      </ObjectPanel>

      <ObjectPanel id="features" title="Light-curve features">
        <Suspense fallback={<SectionSkeleton label="Loading the features…" className="h-64" />}>
          <FeaturesSection features={features} />
        </Suspense>
      </ObjectPanel>
    </article>
  );
}
