import { DataQualityNotice } from "@/components/explorer/data-quality-notice";
import { getObjectDataQuality } from "@/lib/objects/get-object-data-quality";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { BackToSearchLink } from "@/components/explorer/back-to-search-link";
import { DownloadsPanel } from "@/components/explorer/downloads-panel";
import { LinkOuts } from "@/components/explorer/link-outs";
import { ObjectPanel } from "@/components/explorer/object-panel";
import { SkyCrossmatchPanels } from "@/components/explorer/sky-crossmatch-panels";
import { getObjectPeriodogram } from "@/lib/explorer/get-object-periodogram";
import { getObjectPhotometry } from "@/lib/explorer/get-object-photometry";
import { getObject } from "@/lib/objects/get-object";
import { getObjectFeatures } from "@/lib/objects/get-object-features";
import { getObjectMagstats } from "@/lib/objects/get-object-magstats";
import { getObjectProbabilities } from "@/lib/objects/get-object-probabilities";
import { getObjectXmatches } from "@/lib/objects/get-object-xmatches";
import { ztfObjectIdSchema } from "@/lib/objects/object-id";
import { getDb } from "@/lib/server/db";
import {
  BasicInfoSection,
  ClassificationsSection,
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

type Props = { params: Promise<{ oid: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { oid } = await params;
  return { title: oid };
}

/**
 * The object page streams: the shell (header, panel frames) goes out once the object is found, the
 * light curve and stamps as soon as the photometry is read, then classifications, magnitude
 * statistics, features, crossmatches and last the periodogram (up to ~0.5 s of CPU), each into its
 * own Suspense boundary with a skeleton of its size.
 */
export default async function ObjectPage({ params }: Props) {
  const { oid } = await params;
  if (!ztfObjectIdSchema.safeParse(oid).success) notFound();
  const { readPool } = getDb();
  const object = await getObject(readPool, oid);
  if (!object) notFound();
  // Started together, awaited by the sections that show them.
  const photometry = getObjectPhotometry(readPool, oid);
  const probabilities = getObjectProbabilities(readPool, oid);
  const magstats = getObjectMagstats(readPool, oid);
  const features = getObjectFeatures(readPool, oid);
  const xmatches = getObjectXmatches(readPool, oid);
  const periodogram = photometry.then((p) => getObjectPeriodogram(oid, p.detections, { corrected: object.corrected }));
  // Each promise is awaited by a section; these keep a failure before then from being an unhandled rejection.
  for (const p of [photometry, probabilities, magstats, features, xmatches, periodogram]) p.catch(() => undefined);

  return (
    <article className="flex flex-col gap-4">
      <header className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="font-mono text-2xl font-semibold">{object.oid}</h1>
        <Suspense fallback={<span className="text-sm text-muted">{object.ndet === 1 ? "1 detection" : `${object.ndet} detections`}</span>}>
          <ObjectSummary ndet={object.ndet} photometry={photometry} probabilities={probabilities} />
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
        <Suspense fallback={<SectionSkeleton label="Loading…" className="h-24" />}>
          <BasicInfoSection object={object} photometry={photometry} />
        </Suspense>
        <div className="mt-4">
          <LinkOuts raDeg={object.meanra} decDeg={object.meandec} />
        </div>
      </section>

      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <ObjectPanel id="lightcurve" title="Light curve">
          <Suspense fallback={<SectionSkeleton label="Loading the light curve…" className="h-[400px]" />}>
            <LightcurveSection object={object} photometry={photometry} features={features} periodogram={periodogram} />
          </Suspense>
        </ObjectPanel>
        <ObjectPanel id="stamps" title="Stamps">
          <Suspense fallback={<SectionSkeleton label="Loading the stamps…" className="h-[260px]" />}>
            <StampsSection oid={object.oid} photometry={photometry} />
          </Suspense>
        </ObjectPanel>
      </div>

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

      <ObjectPanel id="features" title="Light-curve features">
        <Suspense fallback={<SectionSkeleton label="Loading the features…" className="h-64" />}>
          <FeaturesSection features={features} />
        </Suspense>
      </ObjectPanel>
    </article>
  );
}
