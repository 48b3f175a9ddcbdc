import Link from "next/link";
import { bandFor } from "@/lib/photometry/bands";
import type { SnCandidate } from "@/lib/sn-hunter/list-sn-candidates";
import { formatMjdUtc } from "@/lib/time/mjd";
import { TriageFlagList } from "./triage-flag-list";

const BADGE: Record<SnCandidate["consensus"], string> = {
  // White on emerald-700 is 5.5:1 and on rose-700 6.3:1 (emerald-600 was 3.65:1, under WCAG's 4.5:1).
  ready_to_report: "bg-emerald-700 text-white",
  likely_bogus: "bg-rose-700 text-white",
  disputed: "bg-amber-500 text-black",
  needs_votes: "",
};

/** The queue: one link per candidate (the selected one marked), newest votes included. */
export function CandidateList({
  candidates,
  selectedOid,
  hrefFor,
}: {
  candidates: SnCandidate[];
  selectedOid: string | undefined;
  hrefFor: (oid: string) => string;
}) {
  return (
    <ol
      className="divide-y divide-line overflow-hidden rounded border border-line bg-panel"
      aria-label="SN candidates"
      data-testid="candidate-list"
    >
      {candidates.map((c, i) => {
        const selected = c.oid === selectedOid;
        const band = bandFor(c.firstFid);
        return (
          <li key={c.oid}>
            <Link
              href={hrefFor(c.oid)}
              scroll={false}
              aria-current={selected ? "true" : undefined}
              data-testid="candidate-item"
              data-oid={c.oid}
              data-consensus={c.consensus}
              data-flags={c.flags.map((f) => f.kind).join(" ")}
              className={`flex items-center gap-3 px-3 py-2.5 text-sm hover:bg-accent-soft ${selected ? "bg-accent-soft font-semibold" : ""}`}
            >
              <span className="w-6 text-right text-xs text-muted tabular-nums">{i + 1}</span>
              <span className="min-w-0 flex-1">
                <span className="block font-mono">{c.oid}</span>
                <span className="block text-xs text-muted" title={`MJD ${c.firstMjd.toFixed(5)}`}>
                  {formatMjdUtc(c.firstMjd).slice(0, 16)} · {c.firstMagpsf.toFixed(2)}{" "}
                  <span style={{ color: band.color }}>{band.name}</span>
                </span>
                {c.flags.length > 0 && (
                  <span className="mt-1 block">
                    <TriageFlagList flags={c.flags} />
                  </span>
                )}
              </span>
              <span className="text-right">
                <span className="block font-mono tabular-nums" title="stamp classifier P(SN)">
                  {(c.probSn * 100).toFixed(0)}%
                </span>
                {c.modelSnProbability !== null && (
                  <span
                    className="block text-xs text-muted tabular-nums"
                    title="P(real SN vs bogus) of the model that orders the queue: nearest 50 % first"
                    data-testid="candidate-model-p"
                  >
                    model {(c.modelSnProbability * 100).toFixed(0)}%
                  </span>
                )}
                <span
                  className={`block rounded px-1 text-xs tabular-nums ${BADGE[c.consensus]}`}
                  title="possible SN / bogus votes"
                  data-testid="consensus-badge"
                >
                  {c.possibleSnVotes}✓ {c.bogusVotes}✗
                </span>
              </span>
            </Link>
          </li>
        );
      })}
    </ol>
  );
}
