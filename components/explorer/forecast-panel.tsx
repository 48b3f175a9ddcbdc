import { Suspense } from "react";
import { FORECAST_BAND_PROBABILITY } from "@/lib/forecast/forecast-supernova";
import type { ObjectForecast } from "@/lib/forecast/object-forecast-schema";
import { bandFor } from "@/lib/photometry/bands";
import { formatMjdUtc } from "@/lib/time/mjd";

/**
 * "Expected peak …" for a transient (SPM per band, ADR 0039) or the next maximum and minimum of a
 * periodic variable; the light-curve plot draws the SPM band itself (difference mode).
 */
export function ForecastPanel({ forecast }: { forecast: Promise<ObjectForecast | null> }) {
  return (
    <section aria-labelledby="forecast-heading" className="rounded border border-line bg-panel p-4" data-testid="panel-forecast">
      <h2 id="forecast-heading" className="mb-2 text-sm font-semibold">
        Forecast
      </h2>
      <Suspense fallback={<p className="text-sm text-muted">Fitting the light curve…</p>}>
        <ForecastText forecast={forecast} />
      </Suspense>
    </section>
  );
}

const mag = (m: number) => m.toFixed(2);

async function ForecastText({ forecast: pending }: { forecast: Promise<ObjectForecast | null> }) {
  const forecast = await pending;
  if (!forecast || forecast.kind === "none") {
    return <p className="text-sm text-muted">No forecast{forecast ? `: ${forecast.reason}` : ""}.</p>;
  }
  if (forecast.kind === "periodic") {
    const band = bandFor(forecast.fid).name;
    return (
      <p className="text-sm" data-testid="forecast-periodic">
        {forecast.class_name}, period {forecast.period_days.toPrecision(6)} d ({band} fold): next maximum{" "}
        {formatMjdUtc(forecast.next_maximum_mjd)} (MJD {forecast.next_maximum_mjd.toFixed(3)}, {mag(forecast.maximum_mag)} mag), next
        minimum {formatMjdUtc(forecast.next_minimum_mjd)} (MJD {forecast.next_minimum_mjd.toFixed(3)}, {mag(forecast.minimum_mag)} mag).
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-1 text-sm" data-testid="forecast-transient">
      <ul>
        {forecast.bands.map((b) => {
          const end = b.points.at(-1);
          return (
            <li key={b.fid}>
              <span className="font-medium">{bandFor(b.fid).name}:</span> {b.peak.is_past ? "peak already past" : "expected peak"}{" "}
              {formatMjdUtc(b.peak.mjd)} (MJD {b.peak.mjd.toFixed(1)}) at {mag(b.peak.mag)} mag
              {end && end.mjd > b.last_observed_mjd
                ? `; ${mag(end.mag)} mag expected ${Math.round(end.mjd - b.last_observed_mjd)} d after the last detection`
                : ""}
              .
            </li>
          );
        })}
      </ul>
      <p className="text-xs text-muted">
        Supernova parametric model fitted per band (difference magnitudes), extrapolated {forecast.horizon_days} days; the shaded band on
        the light curve holds a new detection with nominal {Math.round(FORECAST_BAND_PROBABILITY * 100)} % probability. Backtest on BTS SNe
        Ia: docs/forecast.md.
      </p>
    </div>
  );
}
