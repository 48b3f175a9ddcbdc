import type { LsstForcedPhotometry } from "@/lib/lsst/get-lsst-object";

const fmt = (value: number | null, digits: number) => (value === null ? "—" : value.toFixed(digits));

/** Forced photometry points: MJD, band, PSF flux ± error in nJy and the AB magnitude where the flux is positive. */
export function LsstPhotometryTable({ rows, emptyText }: { rows: LsstForcedPhotometry[]; emptyText: string }) {
  if (rows.length === 0) return <p className="text-sm">{emptyText}</p>;
  return (
    <table className="w-full text-sm" data-testid="lsst-forced-photometry">
      <thead>
        <tr>
          <th scope="col">MJD (TAI)</th>
          <th scope="col">band</th>
          <th scope="col">flux (nJy)</th>
          <th scope="col">AB mag</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.measurement_id}>
            <td className="font-mono">{r.mjd.toFixed(5)}</td>
            <td>{r.band}</td>
            <td className="font-mono">
              {fmt(r.psf_flux_njy, 1)} ± {fmt(r.psf_flux_err_njy, 1)}
            </td>
            <td className="font-mono">
              {fmt(r.mag_ab, 3)}
              {r.e_mag_ab === null ? "" : ` ± ${r.e_mag_ab.toFixed(3)}`}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
