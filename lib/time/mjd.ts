/** Modified Julian Date helpers. MJD = JD − 2400000.5; MJD 40587 = 1970-01-01T00:00:00 UTC. */

const MJD_UNIX_EPOCH = 40587;
const MS_PER_DAY = 86_400_000;

/** JD − MJD, days. */
export const MJD_OFFSET_DAYS = 2400000.5;

export function jdToMjd(jd: number): number {
  return jd - MJD_OFFSET_DAYS;
}

export function mjdToDate(mjd: number): Date {
  return new Date((mjd - MJD_UNIX_EPOCH) * MS_PER_DAY);
}

export function dateToMjd(date: Date): number {
  return date.getTime() / MS_PER_DAY + MJD_UNIX_EPOCH;
}

/** "2018-11-29 18:03:19 UTC" (UTC, to the second; ignores leap seconds like every alert broker). */
export function formatMjdUtc(mjd: number): string {
  const iso = mjdToDate(mjd).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
