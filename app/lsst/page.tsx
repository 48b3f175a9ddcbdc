import Link from "next/link";
import { z } from "zod";
import { SurveySwitch } from "@/components/lsst/survey-switch";
import { searchLsstObjects } from "@/lib/lsst/get-lsst-object";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 50;
const searchSchema = z.object({
  ra: z.coerce.number().min(0).max(360).optional().catch(undefined),
  dec: z.coerce.number().min(-90).max(90).optional().catch(undefined),
  radius: z.coerce.number().positive().max(36000).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10000).catch(1),
});

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The search with the survey filter on Rubin/LSST: LSST objects, newest first, optionally in a cone. */
export default async function LsstSearchPage({ searchParams }: Props) {
  const q = searchSchema.parse(await searchParams);
  const cone =
    q.ra !== undefined && q.dec !== undefined && q.radius !== undefined
      ? { raDeg: q.ra, decDeg: q.dec, radiusArcsec: q.radius }
      : undefined;
  const result = await searchLsstObjects(getDb().readPool, { page: q.page, pageSize: PAGE_SIZE, cone });
  return (
    <section aria-labelledby="objects-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 id="objects-heading" className="text-2xl font-semibold">
          Objects
        </h1>
        <SurveySwitch current="lsst" />
        <p className="text-sm text-muted" data-testid="result-total" data-total={result.total}>
          {result.total.toLocaleString("en")} LSST object{result.total === 1 ? "" : "s"}
        </p>
      </div>
      <form method="get" className="flex flex-wrap items-end gap-3 text-sm" aria-label="Cone search">
        {(["ra", "dec", "radius"] as const).map((name) => (
          <label key={name} className="flex flex-col">
            {name === "radius" ? "radius (arcsec)" : `${name.toUpperCase()} (deg)`}
            <input name={name} type="number" step="any" defaultValue={q[name] ?? ""} className="rounded border border-line px-2 py-1" />
          </label>
        ))}
        <button type="submit" className="rounded border border-line px-3 py-1">
          Search
        </button>
      </form>
      <table className="w-full text-sm" data-testid="results">
        <thead>
          <tr>
            <th scope="col">diaObjectId</th>
            <th scope="col">RA</th>
            <th scope="col">Dec</th>
            <th scope="col">detections</th>
            <th scope="col">last MJD</th>
          </tr>
        </thead>
        <tbody>
          {result.items.map((o) => (
            <tr key={o.oid} data-oid={o.oid}>
              <td>
                <Link href={`/lsst/${o.oid}`} className="font-mono underline">
                  {o.oid}
                </Link>
              </td>
              <td className="font-mono">{o.meanra.toFixed(5)}</td>
              <td className="font-mono">{o.meandec.toFixed(5)}</td>
              <td>{o.ndet}</td>
              <td className="font-mono">{o.lastmjd.toFixed(4)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
