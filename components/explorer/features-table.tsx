import type { ApiFeature } from "@/lib/objects/get-object-features";

export interface FeatureInfo {
  group: string;
  definition: string;
}

const FID_LABELS: Record<number, string> = { 0: "all bands", 1: "g", 2: "r", 12: "g, r" };

/**
 * Light-curve features (ALeRCE computes them but hides them in its Explorer): grouped, each with a
 * one-line definition when the feature catalogue knows it, newest version only.
 */
export function FeaturesTable({
  features,
  describe,
}: {
  features: readonly ApiFeature[];
  describe: (name: string) => FeatureInfo | undefined;
}) {
  if (features.length === 0) return <p className="text-sm text-muted">No light-curve features computed for this object yet.</p>;
  const version = [...new Set(features.map((f) => f.version))].sort().at(-1)!;
  const groups = new Map<string, { info: FeatureInfo | undefined; name: string; rows: ApiFeature[] }[]>();
  const byName = new Map<string, ApiFeature[]>();
  for (const f of features) if (f.version === version) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
  for (const [name, rows] of [...byName].sort(([a], [b]) => a.localeCompare(b))) {
    const info = describe(name);
    const group = info?.group ?? "Other";
    groups.set(group, [...(groups.get(group) ?? []), { info, name, rows: rows.sort((a, b) => a.fid - b.fid) }]);
  }
  return (
    <div className="flex flex-col gap-2" data-testid="features">
      <p className="text-xs text-muted">
        Feature version {version}; {byName.size} features.
      </p>
      {[...groups]
        .sort(([a], [b]) => (a === "Other" ? 1 : b === "Other" ? -1 : a.localeCompare(b)))
        .map(([group, items]) => (
          <details key={group} className="rounded border border-line" open={groups.size <= 2}>
            <summary className="cursor-pointer px-3 py-1.5 text-sm font-medium">
              {group} <span className="text-xs text-muted">({items.length})</span>
            </summary>
            <div className="overflow-x-auto border-t border-line">
              <table className="w-full text-sm">
                <thead className="text-xs uppercase tracking-wide text-muted">
                  <tr>
                    <th scope="col" className="px-3 py-1 text-left">
                      Feature
                    </th>
                    <th scope="col" className="px-3 py-1 text-left">
                      Band
                    </th>
                    <th scope="col" className="px-3 py-1 text-right">
                      Value
                    </th>
                    <th scope="col" className="px-3 py-1 text-left">
                      Definition
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-line">
                  {items.flatMap(({ name, info, rows }) =>
                    rows.map((f, i) => (
                      <tr key={`${name}-${f.fid}`}>
                        <th scope="row" className="px-3 py-0.5 text-left font-mono text-xs font-normal">
                          {i === 0 ? name : ""}
                        </th>
                        <td className="px-3 py-0.5 text-xs">{FID_LABELS[f.fid] ?? f.fid}</td>
                        <td className="px-3 py-0.5 text-right font-mono text-xs">
                          {f.value === null
                            ? "–"
                            : Math.abs(f.value) >= 1e4 || (Math.abs(f.value) < 1e-3 && f.value !== 0)
                              ? f.value.toExponential(3)
                              : f.value.toFixed(4)}
                        </td>
                        <td className="px-3 py-0.5 text-xs text-muted">{i === 0 ? (info?.definition ?? "") : ""}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
          </details>
        ))}
    </div>
  );
}
