import type { TriageFlag } from "@/lib/sn-hunter/triage-flags";

/** Triage warnings: short chips in the queue, chips with the numbers on the card. */
export function TriageFlagList({ flags, detailed = false }: { flags: TriageFlag[]; detailed?: boolean }) {
  if (flags.length === 0) return null;
  return (
    <ul className={detailed ? "space-y-1" : "flex flex-wrap gap-1"} aria-label="Warnings" data-testid="triage-flags">
      {flags.map((f) => (
        <li
          key={f.kind}
          data-testid="triage-flag"
          data-kind={f.kind}
          title={f.detail}
          className={
            detailed
              ? "rounded bg-warn-bg px-2 py-1 text-sm text-warn-fg"
              : "rounded bg-warn-bg px-1.5 py-0.5 text-[0.7rem] leading-tight font-medium text-warn-fg"
          }
        >
          {detailed ? (
            <>
              <strong>{f.label}:</strong> {f.detail}
            </>
          ) : (
            f.label
          )}
        </li>
      ))}
    </ul>
  );
}
