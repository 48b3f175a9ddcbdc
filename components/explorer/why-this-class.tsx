import type { FeatureContribution, LcExplanation } from "@/lib/explanations/lc-explanation";

function formatValue(f: FeatureContribution): string {
  if (f.value === null) return "missing";
  const v = Math.abs(f.value) >= 1e4 || (f.value !== 0 && Math.abs(f.value) < 1e-3) ? f.value.toExponential(3) : f.value.toPrecision(4);
  return f.unit ? `${v} ${f.unit}` : v;
}

function percentPoints(x: number): string {
  return `${x >= 0 ? "+" : "−"}${Math.abs(100 * x).toFixed(1)} pp`;
}

function ContributionList({ title, rows, testId }: { title: string; rows: readonly FeatureContribution[]; testId: string }) {
  return (
    <div>
      <h3 className="mb-1 text-sm font-medium">{title}</h3>
      {rows.length === 0 ? (
        <p className="text-sm text-muted">None.</p>
      ) : (
        <ol className="flex flex-col gap-1.5 text-sm" data-testid={testId}>
          {rows.map((f) => (
            <li key={`${f.name}|${f.fid}`}>
              <span className="font-mono">{f.name}</span> <span className="text-muted">({f.band})</span> = {formatValue(f)}{" "}
              <span className="font-mono text-xs">{percentPoints(f.contribution)}</span>
              {f.definition ? <p className="text-xs text-muted">{f.definition}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/**
 * "Why this class": the light-curve classifier's predicted class and the five features that raised
 * its probability most and the five that lowered it most (tree path contributions, in percentage
 * points of probability), each with its definition and the object's value.
 */
export async function WhyThisClass({ explanation }: { explanation: Promise<LcExplanation | null | undefined> }) {
  let e: LcExplanation | null | undefined;
  try {
    e = await explanation;
  } catch {
    return <p className="text-sm text-muted">The light-curve classifier is not available on this server: no explanation.</p>;
  }
  if (!e) return <p className="text-sm text-muted">Not classified by the light-curve classifier yet (no features of its version).</p>;
  return (
    <div className="flex flex-col gap-3" data-testid="why-this-class">
      <p className="text-sm">
        The light-curve classifier ({e.classifier_version}) gives <strong>{e.class_name}</strong> a probability of{" "}
        {(100 * e.served_probability).toFixed(1)} %
        {Math.abs(e.served_probability - e.probability) >= 5e-4 && (
          <> (its forests {(100 * e.probability).toFixed(1)} % before calibration)</>
        )}
        . With no feature known, its forests would give {(100 * e.bias).toFixed(1)} %; each feature below moved that by the amount shown
        (tree path contributions; all features together add up to the forests&apos; probability).
      </p>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <ContributionList title={`For ${e.class_name}`} rows={e.for} testId="why-for" />
        <ContributionList title={`Against ${e.class_name}`} rows={e.against} testId="why-against" />
      </div>
    </div>
  );
}
