import { Suspense } from "react";
import type { ObjectAnomaly } from "@/lib/objects/get-object-anomaly";

const BAND: Record<number, string> = { 0: "", 1: " (g)", 2: " (r)", 12: " (g, r)" };

function formatValue(v: number): string {
  return Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(2) : v.toPrecision(4);
}

function formatZ(z: number | null): string {
  if (z === null) return "—";
  return z >= 0 ? `+${z.toFixed(1)}` : z.toFixed(1);
}

type Extreme = ObjectAnomaly["extreme_features"][number];

/** "above 99.7 % of objects", "above all training objects". */
function formatRank(f: Extreme, trainingObjects: string): string {
  if (f.outside_range) return `${f.side} all ${trainingObjects}`;
  const share = f.beyond >= 99 ? f.beyond.toFixed(1) : f.beyond.toFixed(0);
  return `${f.side} ${share} %`;
}

async function AnomalyBody({ anomaly }: { anomaly: Promise<ObjectAnomaly | null> }) {
  const a = await anomaly;
  if (!a || a.score === null) {
    return (
      <p className="text-sm text-muted">Not scored: the anomaly score needs the light-curve features (at least 5 detections in g or r).</p>
    );
  }
  return (
    <div className="flex flex-col gap-3 text-sm">
      <p data-testid="anomaly-score" data-score={a.score}>
        Score <strong className="font-mono">{a.score.toFixed(3)}</strong>
        {a.percentile !== null && (
          <>
            {" "}
            — higher than <strong>{a.percentile.toFixed(1)} %</strong> of the {a.scored_objects.toLocaleString("en")} scored objects
          </>
        )}
        . <span className="text-muted">Isolation forest {a.model_version}; about 0.5 or below is ordinary.</span>
      </p>
      {a.extreme_features.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left">
            <caption className="mb-1 text-left text-muted">
              Most unusual features: where the object sits in the detector&apos;s training population (and its robust z, in standard units
              from the median, where the population&apos;s spread makes it meaningful)
            </caption>
            <thead>
              <tr className="text-muted">
                <th className="pr-2 font-normal">Feature</th>
                <th className="pr-2 text-right font-normal">Value</th>
                <th className="pr-2 text-right font-normal">Median</th>
                <th className="pr-2 text-right font-normal">Among objects</th>
                <th className="text-right font-normal">z</th>
              </tr>
            </thead>
            <tbody>
              {a.extreme_features.map((f) => (
                <tr key={`${f.name}|${f.fid}`} className="border-t border-line align-top">
                  <td className="py-1 pr-2">
                    <span className="font-mono break-all">
                      {f.name}
                      {BAND[f.fid] ?? ""}
                    </span>
                    {f.definition && <span className="block text-xs text-muted">{f.definition}</span>}
                  </td>
                  <td className="py-1 pr-2 text-right font-mono">{formatValue(f.value)}</td>
                  <td className="py-1 pr-2 text-right font-mono">{formatValue(f.median)}</td>
                  <td className="py-1 pr-2 text-right" data-testid="anomaly-feature-rank">
                    {formatRank(f, "training objects")}
                  </td>
                  <td className="py-1 text-right font-mono">{formatZ(f.z)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

/** The object page's anomaly score (docs/anomaly.md): score, percentile among scored objects, the 5 most extreme features; streams in its own Suspense boundary. */
export function AnomalyPanel({ anomaly }: { anomaly: Promise<ObjectAnomaly | null> }) {
  return (
    <section aria-labelledby="anomaly-heading" className="rounded border border-line bg-panel p-4" data-testid="panel-anomaly">
      <h2 id="anomaly-heading" className="mb-3 text-sm font-semibold">
        Anomaly score
      </h2>
      <Suspense fallback={<p className="h-10 animate-pulse rounded bg-page" role="status" aria-label="Loading the anomaly score" />}>
        <AnomalyBody anomaly={anomaly} />
      </Suspense>
    </section>
  );
}
