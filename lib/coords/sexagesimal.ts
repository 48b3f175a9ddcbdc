/** Sexagesimal formatting of ICRS coordinates, as astronomers read them. */

function splitSexagesimal(value: number, fractionDigits: number): [number, number, number] {
  // Round once at the requested precision, so 59.9999 s never prints as "60.00".
  const scale = 10 ** fractionDigits;
  const totalUnits = Math.round(value * 3600 * scale);
  const whole = Math.floor(totalUnits / (3600 * scale));
  const minutes = Math.floor((totalUnits - whole * 3600 * scale) / (60 * scale));
  const seconds = (totalUnits - whole * 3600 * scale - minutes * 60 * scale) / scale;
  return [whole, minutes, seconds];
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Right ascension in degrees → "hh:mm:ss.ss". */
export function formatRaHms(raDeg: number, fractionDigits = 2): string {
  if (!Number.isFinite(raDeg)) throw new RangeError(`RA must be a finite number of degrees, got ${raDeg}`);
  const normalised = ((raDeg % 360) + 360) % 360;
  let [h, m, s] = splitSexagesimal(normalised / 15, fractionDigits);
  if (h === 24) [h, m, s] = [0, 0, 0];
  return `${pad(h, 2)}:${pad(m, 2)}:${s.toFixed(fractionDigits).padStart(fractionDigits + 3, "0")}`;
}

/** Declination in degrees → "±dd:mm:ss.s". */
export function formatDecDms(decDeg: number, fractionDigits = 1): string {
  if (!Number.isFinite(decDeg) || decDeg < -90 || decDeg > 90) throw new RangeError(`Dec must be within [-90, 90] degrees, got ${decDeg}`);
  const sign = decDeg < 0 ? "-" : "+";
  const [d, m, s] = splitSexagesimal(Math.abs(decDeg), fractionDigits);
  return `${sign}${pad(d, 2)}:${pad(m, 2)}:${s.toFixed(fractionDigits).padStart(fractionDigits + 3, "0")}`;
}
