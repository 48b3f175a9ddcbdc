// Server sections of the object page. The light curve, stamps and basic information are in the
// page's first HTML (page.tsx reads the object and its light curve before answering); the slower
// parts (periodogram, features, crossmatches, classifications) await their data each inside its own
// Suspense boundary and stream after.
import { ClassificationCharts } from "@/components/explorer/classification-charts";
import { FeaturesTable } from "@/components/explorer/features-table";
import { LightcurvePanel, type DefaultFoldPeriod } from "@/components/explorer/lightcurve-panel";
import { MagstatsTable } from "@/components/explorer/magstats-table";
import { ObjectBasicInfo } from "@/components/explorer/object-basic-info";
import { PeriodogramSection } from "@/components/explorer/periodogram-section";
import { StampSection } from "@/components/explorer/stamp-section";
import type { ObjectPeriodogram } from "@/lib/explorer/get-object-periodogram";
import type { Lightcurve } from "@/lib/objects/get-object-lightcurve";
import type { ObjectXmatch } from "@/lib/objects/get-object-xmatches";
import { longestFoldPeriodDays } from "@/lib/explorer/lightcurve-series";
import { describeFeature } from "@/lib/features/feature-catalog";
import type { AstroObject as ObjectDetail } from "@/lib/objects/get-object";
import type { ApiFeature } from "@/lib/objects/get-object-features";
import type { ApiMagstat } from "@/lib/objects/get-object-magstats";
import type { ApiProbability } from "@/lib/objects/get-object-probabilities";

/** A grey block where a section will appear, the size it will have (no layout jump when it arrives). */
export function SectionSkeleton({ label, className }: { label: string; className?: string }) {
  return (
    <div
      className={`flex animate-pulse items-center justify-center rounded bg-page text-sm text-muted ${className ?? "h-40"}`}
      role="status"
    >
      {label}
    </div>
  );
}

/** The classifier shown in the header: the light-curve classifier's top class, else any top class. */
function topClass(probabilities: readonly ApiProbability[]): ApiProbability | undefined {
  return probabilities.find((p) => p.classifier_name === "lc_classifier" && p.ranking === 1) ?? probabilities.find((p) => p.ranking === 1);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export async function ObjectSummary({
  ndet,
  nonDetections,
  probabilities,
}: {
  ndet: number;
  nonDetections: number;
  probabilities: Promise<ApiProbability[] | null>;
}) {
  const probs = await probabilities;
  const top = topClass(probs ?? []);
  return (
    <span className="text-sm text-muted">
      {plural(ndet, "detection", "detections")}, {plural(nonDetections, "upper limit", "upper limits")}
      {top ? ` · ${top.class_name} (${top.classifier_name}, P = ${top.probability.toFixed(2)})` : ""}
    </span>
  );
}

export function BasicInfoSection({ object, nonDetections }: { object: ObjectDetail; nonDetections: number }) {
  return (
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
        nonDetections,
        ndethist: object.ndethist,
        ncovhist: object.ncovhist,
        corrected: object.corrected,
        stellar: object.stellar,
      }}
    />
  );
}

/** The stored multiband period when it can be folded on (≤ half the span), else the periodogram's best period. */
export async function defaultFoldPeriod(
  lightcurve: Lightcurve,
  features: Promise<ApiFeature[] | null>,
  periodogram: Promise<ObjectPeriodogram | null>,
): Promise<DefaultFoldPeriod | null> {
  const longest = longestFoldPeriodDays(lightcurve.detections);
  const stored = (await features)?.find((f) => f.name === "Multiband_period" && f.value !== null && Number.isFinite(f.value))?.value;
  if (stored && longest !== null && stored > 0 && stored <= longest) return { periodDays: stored, source: "stored Multiband_period" };
  const best = (await periodogram)?.bestPeriodDays;
  return best ? { periodDays: best, source: "periodogram" } : null;
}

/** The newest detection that came with an alert (stamps): selected until the reader picks another. */
const newestWithStamps = (lightcurve: Lightcurve) => lightcurve.detections.filter((d) => d.hasStamp).at(-1)?.candid ?? null;

/**
 * The light curve, part of the page's first HTML (not in a Suspense boundary: React would stream
 * a large finished boundary after its fallback). Its static SVG is drawn from these props.
 */
export function LightcurveSection({
  object,
  lightcurve,
  defaultPeriod,
  nonce,
}: {
  object: ObjectDetail;
  lightcurve: Lightcurve;
  defaultPeriod: Promise<DefaultFoldPeriod | null> | DefaultFoldPeriod | null;
  nonce: string | undefined;
}) {
  return (
    <LightcurvePanel
      detections={lightcurve.detections}
      nonDetections={lightcurve.nonDetections}
      corrected={object.corrected}
      defaultPeriod={defaultPeriod}
      defaultCandid={newestWithStamps(lightcurve)}
      nonce={nonce}
      forecastOid={object.oid}
    />
  );
}

export function StampsSection({ oid, lightcurve }: { oid: string; lightcurve: Lightcurve }) {
  const choices = lightcurve.detections.map((d) => ({ candid: d.candid, mjd: d.mjd, fid: d.fid, hasStamp: d.hasStamp })).reverse();
  return <StampSection oid={oid} choices={choices} defaultCandid={newestWithStamps(lightcurve)} />;
}

export async function PeriodogramBlock({ periodogram }: { periodogram: Promise<ObjectPeriodogram | null> }) {
  const result = await periodogram;
  if (!result) {
    return (
      <p className="text-sm text-muted" data-testid="no-periodogram">
        Too few points for a periodogram (at least 8 detections in g or r, over more than a night, are needed).
      </p>
    );
  }
  return (
    <PeriodogramSection
      periodsDays={result.periodsDays}
      power={result.power}
      bestPeriodDays={result.bestPeriodDays}
      bandPeriodsDays={result.bandPeriodsDays}
      basis={result.basis}
      longestPeriodDays={result.longestPeriodDays}
      rejectedBestPeriodDays={result.rejectedBestPeriodDays}
    />
  );
}

export async function ClassificationsSection({ probabilities }: { probabilities: Promise<ApiProbability[] | null> }) {
  return <ClassificationCharts probabilities={(await probabilities) ?? []} />;
}

export async function MagstatsSection({ magstats }: { magstats: Promise<ApiMagstat[] | null> }) {
  return <MagstatsTable magstats={(await magstats) ?? []} />;
}

export async function FeaturesSection({ features }: { features: Promise<ApiFeature[] | null> }) {
  return <FeaturesTable features={(await features) ?? []} describe={(name) => describeFeature(name) ?? undefined} />;
}

export async function StoredXmatches({ xmatches }: { xmatches: Promise<ObjectXmatch[]> }) {
  const rows = await xmatches;
  if (rows.length === 0) return <p className="text-sm text-muted">No crossmatch stored by the pipeline for this object.</p>;
  return (
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
        {rows.map((x) => (
          <tr key={x.catalog}>
            <td className="py-0.5">{x.catalog}</td>
            <td className="py-0.5 font-mono text-xs break-all">{x.catalogId}</td>
            <td className="py-0.5 text-right font-mono">{x.distArcsec.toFixed(2)}</td>
            <td className="py-0.5">{x.catalogClass ?? "–"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
