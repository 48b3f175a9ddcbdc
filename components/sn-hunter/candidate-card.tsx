import Link from "next/link";
import { LightcurvePlot } from "@/components/explorer/lightcurve-plot";
import { AladinView } from "@/components/sky/aladin-view";
import { formatDecDms, formatRaHms } from "@/lib/coords/sexagesimal";
import { bandFor } from "@/lib/photometry/bands";
import type { CandidateCard as Card } from "@/lib/sn-hunter/get-candidate-card";
import { formatMjdUtc } from "@/lib/time/mjd";
import { CandidateStamps } from "./candidate-stamps";
import { TriageFlagList } from "./triage-flag-list";

const fmt = (value: number | null | undefined, digits: number, unit = "") =>
  value === null || value === undefined ? "—" : `${value.toFixed(digits)}${unit}`;

function Facts({ title, rows, testId }: { title: string; rows: [string, React.ReactNode, string?][]; testId: string }) {
  return (
    <section className="rounded border border-line bg-panel p-3" data-testid={testId}>
      <h3 className="mb-2 text-sm font-semibold uppercase tracking-wide text-muted">{title}</h3>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {rows.map(([label, value, hint]) => (
          <div key={label} className="contents">
            <dt className="text-muted" title={hint}>
              {label}
            </dt>
            <dd className="font-mono">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The review card: what a reviewer needs to say "possible SN" or "bogus" without leaving the page. */
export function CandidateCard({ card, triage }: { card: Card; triage: React.ReactNode }) {
  const first = card.firstDetection;
  const alert = card.stampAlert;
  const band = bandFor(first.fid);
  return (
    <article className="space-y-4" aria-labelledby="candidate-heading" data-swipe-area data-testid="candidate-card" data-oid={card.oid}>
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="candidate-heading" className="font-mono text-xl font-semibold">
          {card.oid}
        </h2>
        <Link href={`/object/${card.oid}`} className="text-sm text-accent underline-offset-2 hover:underline" aria-keyshortcuts="o">
          Open in Explorer →
        </Link>
      </header>
      {triage}
      {card.flags.length > 0 && (
        <section aria-label="Before you vote" data-testid="card-flags">
          <TriageFlagList flags={card.flags} detailed />
        </section>
      )}
      {card.host.tns && (
        <p role="note" className="rounded bg-warn-bg px-3 py-2 text-sm text-warn-fg" data-testid="tns-known">
          Already reported as <strong className="font-mono">{card.host.tns.name}</strong>
          {card.host.tns.type ? ` (${card.host.tns.type})` : " (unclassified)"} — {card.host.tns.catalog} catalog,{" "}
          {card.host.tns.offsetArcsec.toFixed(2)}″ away.
        </p>
      )}
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <div className="space-y-3">
          <CandidateStamps oid={card.oid} stamped={card.stampedDetections} firstDetection={first} />
          <AladinView
            raDeg={card.raDeg}
            decDeg={card.decDeg}
            fovDeg={0.03}
            markers={[{ raDeg: card.raDeg, decDeg: card.decDeg, label: card.oid }]}
            className="h-56 w-full"
          />
        </div>
        <div className="space-y-3">
          <Facts
            title="First detection"
            testId="first-detection"
            rows={[
              ["Date (UTC)", formatMjdUtc(first.mjd), `MJD ${first.mjd.toFixed(5)}`],
              ["magpsf", `${first.magpsf.toFixed(2)} ± ${first.sigmapsf.toFixed(2)}`],
              [
                "Filter",
                <span key="f" style={{ color: band.color }}>
                  {band.name}
                </span>,
              ],
              ["RA", formatRaHms(first.raDeg), `${first.raDeg.toFixed(6)}°`],
              ["Dec", formatDecDms(first.decDeg), `${first.decDeg.toFixed(6)}°`],
            ]}
          />
          <Facts
            title="Host context"
            testId="host-context"
            rows={[
              ["PS1 sgscore1", fmt(card.ps1?.sgscore1, 3), "star/galaxy score of the nearest PS1 source (1 = star)"],
              ["PS1 distpsnr1", fmt(card.ps1?.distpsnr1Arcsec, 2, "″"), "distance to the nearest PS1 source"],
              ["Gaia neargaia", fmt(card.gaia?.neargaiaArcsec, 2, "″"), "distance to the nearest Gaia source"],
              ["Gaia mag", fmt(card.gaia?.maggaia, 2)],
              [
                "Nearest galaxy",
                card.host.nearestGalaxy
                  ? `${card.host.nearestGalaxy.id} (${card.host.nearestGalaxy.catalog}) at ${card.host.nearestGalaxy.offsetArcsec.toFixed(1)}″`
                  : card.host.galaxyCatalogs.length > 0
                    ? "none within 60″"
                    : "no galaxy catalog loaded",
                "nearest source within 60″ in the loaded galaxy catalogs (docs/sn-hunter.md)",
              ],
              [
                "TNS",
                card.host.tns
                  ? `${card.host.tns.name}${card.host.tns.type ? ` (${card.host.tns.type})` : ""}`
                  : card.host.tnsCatalogs.length > 0
                    ? "not reported (none within 3″)"
                    : "no TNS catalog loaded",
                "a TNS object within 3″ in a loaded TNS catalog",
              ],
              [
                "Solar system",
                card.solarSystem?.ssnamenr
                  ? `${card.solarSystem.ssnamenr} at ${fmt(card.solarSystem.ssdistnrArcsec, 1, "″")}`
                  : "none known",
                "nearest known solar-system object (MPC)",
              ],
            ]}
          />
          {alert && (
            <Facts
              title="Alert quality"
              testId="alert-quality"
              rows={[
                ["isdiffpos", alert.isdiffpos > 0 ? "positive" : "negative", "sign of the difference"],
                ["rb", fmt(alert.rb, 3), "real/bogus score"],
                ["drb", fmt(alert.drb, 3), "deep-learning real/bogus score"],
                ["fwhm", fmt(alert.fwhmPix, 2, " px"), "seeing of the science image"],
              ]}
            />
          )}
          <section className="rounded border border-line bg-panel p-3" data-testid="stamp-probabilities">
            <h3 className="mb-2 text-sm font-semibold uppercase tracking-wide text-muted">Stamp classifier</h3>
            <ul className="space-y-1 text-sm">
              {card.stampProbabilities.map((p) => (
                <li key={p.className} className="grid grid-cols-[5rem_1fr_3.5rem] items-center gap-2">
                  <span>{p.className}</span>
                  <span className="h-2 rounded bg-accent-soft">
                    <span className="block h-2 rounded bg-accent" style={{ width: `${(p.probability * 100).toFixed(1)}%` }} />
                  </span>
                  <span className="text-right font-mono tabular-nums">{(p.probability * 100).toFixed(1)}%</span>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
      <section>
        <h3 className="mb-1 text-sm font-semibold uppercase tracking-wide text-muted">
          Light curve ({card.lightcurve.detections.length} detections, {card.lightcurve.nonDetections.length} upper limits)
        </h3>
        <LightcurvePlot
          detections={card.lightcurve.detections}
          nonDetections={card.lightcurve.nonDetections}
          selectedCandid={alert?.candid ?? null}
        />
      </section>
      {card.tnsSubmissions.length > 0 && (
        <ul className="space-y-1 rounded border border-line bg-panel p-3 text-sm" data-testid="tns-submissions">
          {card.tnsSubmissions.map((t) => (
            <li key={t.endpoint}>
              Reported to <span className="font-mono">{t.endpoint}</span> by {t.by},{" "}
              {t.submittedAt.toISOString().slice(0, 16).replace("T", " ")} UTC
            </li>
          ))}
        </ul>
      )}
      <section data-testid="voters">
        <h3 className="mb-1 text-sm font-semibold uppercase tracking-wide text-muted">Votes so far</h3>
        {card.votes.voters.length === 0 ? (
          <p className="text-sm text-muted">No votes yet.</p>
        ) : (
          <ul className="flex flex-wrap gap-2 text-sm">
            {card.votes.voters.map((v) => (
              <li key={`${v.displayName}-${v.kind}`} className="rounded-full border border-line px-3 py-1">
                {v.displayName}: {v.kind === "possible_sn" ? "possible SN" : "bogus"}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
