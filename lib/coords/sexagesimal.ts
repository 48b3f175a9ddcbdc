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

/**
 * Splits "12:34:56.7", "12 34 56.7", "12h34m56.7s", "+12d34m56s", "12°34′56″" into sign and up to
 * three unsigned parts; null when the text is a plain decimal number (degrees).
 */
function splitSexagesimalText(text: string): { negative: boolean; parts: number[] } | null {
  const trimmed = text.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*(°|d|deg)?$/i.test(trimmed)) return null;
  const match = /^([+-]?)\s*(.*)$/.exec(trimmed);
  const body = (match?.[2] ?? "").replace(/[hdms°'′"″:]/gi, " ").trim();
  if (!/^\d+(\.\d*)?( +\d+(\.\d*)?){0,2}$/.test(body)) {
    throw new RangeError(`cannot read "${text}" as degrees or sexagesimal (e.g. 12:34:56.7)`);
  }
  const parts = body.split(/ +/).map(Number);
  for (let i = 0; i < parts.length - 1; i++) {
    if (!Number.isInteger(parts[i])) throw new RangeError(`only the last part of "${text}" may have decimals`);
  }
  for (const p of parts.slice(1)) if (p >= 60) throw new RangeError(`minutes and seconds must be below 60 in "${text}"`);
  return { negative: match?.[1] === "-", parts };
}

const fromParts = (parts: number[]) => (parts[0] ?? 0) + (parts[1] ?? 0) / 60 + (parts[2] ?? 0) / 3600;

/** Right ascension typed by a person: decimal degrees, or hours as "hh:mm:ss.s" / "hh mm ss" / "12h34m56s". */
export function parseRaDeg(text: string): number {
  if (text.trim() === "") throw new RangeError("RA is empty");
  const split = splitSexagesimalText(text);
  const raDeg = split ? fromParts(split.parts) * 15 * (split.negative ? -1 : 1) : Number.parseFloat(text.trim());
  if (split?.negative) throw new RangeError(`RA cannot be negative ("${text}")`);
  if (split && (split.parts[0] ?? 0) >= 24) throw new RangeError(`RA hours must be below 24 ("${text}")`);
  if (!Number.isFinite(raDeg) || raDeg < 0 || raDeg >= 360) throw new RangeError(`RA must be within [0, 360) degrees, got ${text.trim()}`);
  return raDeg;
}

/** Declination typed by a person: decimal degrees, or "±dd:mm:ss.s" / "±dd mm ss" / "±12d34m56s". */
export function parseDecDeg(text: string): number {
  if (text.trim() === "") throw new RangeError("Dec is empty");
  const split = splitSexagesimalText(text);
  const decDeg = split ? fromParts(split.parts) * (split.negative ? -1 : 1) : Number.parseFloat(text.trim());
  if (!Number.isFinite(decDeg) || decDeg < -90 || decDeg > 90)
    throw new RangeError(`Dec must be within [-90, 90] degrees, got ${text.trim()}`);
  return decDeg;
}
