import type { ApiProbability } from "@/lib/objects/get-object-probabilities";

/** Classifiers in display order: the stamp classifier, the light-curve classifier, then its sub-levels. */
function classifierRank(name: string): number {
  if (name === "stamp_classifier") return 0;
  if (name === "lc_classifier") return 1;
  if (name === "lc_classifier_top") return 2;
  return name.startsWith("lc_classifier") ? 3 : 4;
}

export interface ClassifierGroup {
  classifierName: string;
  classifierVersion: string;
  rows: ApiProbability[];
}

export function groupProbabilities(probabilities: readonly ApiProbability[]): ClassifierGroup[] {
  const groups = new Map<string, ClassifierGroup>();
  for (const p of probabilities) {
    const key = `${p.classifier_name}\u0000${p.classifier_version}`;
    const group = groups.get(key) ?? { classifierName: p.classifier_name, classifierVersion: p.classifier_version, rows: [] };
    group.rows.push(p);
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) =>
      classifierRank(a.classifierName) - classifierRank(b.classifierName) ||
      a.classifierName.localeCompare(b.classifierName) ||
      b.classifierVersion.localeCompare(a.classifierVersion),
  );
}

/**
 * Class probabilities of every classifier as horizontal bar charts (an HTML table, so screen readers
 * read class and value), classes in the taxonomy's order, the top class highlighted, with the
 * model version.
 */
export function ClassificationCharts({ probabilities }: { probabilities: readonly ApiProbability[] }) {
  const groups = groupProbabilities(probabilities);
  if (groups.length === 0) return <p className="text-sm text-muted">No classification for this object yet.</p>;
  return (
    <div className="grid grid-cols-1 items-start gap-4 md:grid-cols-2">
      {groups.map((g) => (
        <table key={`${g.classifierName}-${g.classifierVersion}`} className="w-full text-sm" data-testid={`classifier-${g.classifierName}`}>
          <caption className="mb-1 text-left">
            <span className="font-medium">{g.classifierName}</span>{" "}
            <span className="text-xs text-muted">version {g.classifierVersion}</span>
          </caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">Class</th>
              <th scope="col">Probability</th>
            </tr>
          </thead>
          <tbody>
            {g.rows.map((r) => (
              <tr key={r.class_name}>
                <th
                  scope="row"
                  className={`w-24 py-0.5 pr-2 text-left font-normal whitespace-nowrap ${r.ranking === 1 ? "font-semibold" : ""}`}
                >
                  {r.class_name}
                </th>
                <td className="py-0.5">
                  <div className="flex items-center gap-2">
                    <div className="h-3 flex-1 rounded bg-page" aria-hidden="true">
                      <div
                        className="h-3 rounded"
                        style={{
                          width: `${Math.max(0, Math.min(1, r.probability)) * 100}%`,
                          background: r.ranking === 1 ? "var(--bar-top, #0072B2)" : "var(--bar-other, #56B4E9)",
                        }}
                      />
                    </div>
                    <span className="w-12 text-right font-mono text-xs">{r.probability.toFixed(3)}</span>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}
