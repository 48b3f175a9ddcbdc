import Link from "next/link";
import { formatDecDms, formatRaHms } from "@/lib/coords/sexagesimal";
import { listObjects, listObjectsParamsSchema } from "@/lib/objects/list-objects";
import { getDb } from "@/lib/server/db";
import { formatMjdUtc } from "@/lib/time/mjd";

export const dynamic = "force-dynamic";

export default async function ObjectListPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const parsed = listObjectsParamsSchema.safeParse({ page: raw.page ?? undefined });
  const params = parsed.success ? parsed.data : listObjectsParamsSchema.parse({});
  const { items, total, page, pageSize } = await listObjects(getDb().prisma, params);
  const pages = Math.max(1, Math.ceil(total / pageSize));

  return (
    <section aria-labelledby="objects-heading">
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <h1 id="objects-heading" className="text-2xl font-semibold">
          Objects
        </h1>
        <p className="text-sm text-slate-600">
          {total.toLocaleString("en")} objects, most recently detected first
        </p>
      </div>
      {!parsed.success && <p className="mb-3 rounded bg-amber-50 px-3 py-2 text-sm text-amber-800">Invalid page number; showing page 1.</p>}
      {items.length === 0 ? (
        <p className="rounded border border-dashed border-slate-300 bg-white p-6 text-slate-600">
          No objects yet. Ingest alerts with <code className="font-mono">npm run ingest -- &lt;file | folder | .tar.gz&gt;</code>.
        </p>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">Object</th>
                <th scope="col" className="px-3 py-2 text-right">ndet</th>
                <th scope="col" className="px-3 py-2">First detection (UTC)</th>
                <th scope="col" className="px-3 py-2">Last detection (UTC)</th>
                <th scope="col" className="px-3 py-2">RA</th>
                <th scope="col" className="px-3 py-2">Dec</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 font-mono">
              {items.map((o) => (
                <tr key={o.oid} className="hover:bg-indigo-50/50">
                  <td className="px-3 py-1.5">
                    <Link href={`/object/${o.oid}`} className="text-indigo-700 underline-offset-2 hover:underline">
                      {o.oid}
                    </Link>
                  </td>
                  <td className="px-3 py-1.5 text-right">{o.ndet}</td>
                  <td className="px-3 py-1.5 whitespace-nowrap" title={`MJD ${o.firstmjd.toFixed(5)}`}>{formatMjdUtc(o.firstmjd)}</td>
                  <td className="px-3 py-1.5 whitespace-nowrap" title={`MJD ${o.lastmjd.toFixed(5)}`}>{formatMjdUtc(o.lastmjd)}</td>
                  <td className="px-3 py-1.5 whitespace-nowrap" title={`${o.meanra.toFixed(6)}°`}>{formatRaHms(o.meanra)}</td>
                  <td className="px-3 py-1.5 whitespace-nowrap" title={`${o.meandec.toFixed(6)}°`}>{formatDecDms(o.meandec)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav className="mt-4 flex items-center gap-3 text-sm" aria-label="Pagination">
          {page > 1 ? <Link className="rounded border bg-white px-3 py-1 hover:bg-slate-100" href={`/?page=${page - 1}`}>← Previous</Link> : null}
          <span className="text-slate-600">
            Page {page} of {pages}
          </span>
          {page < pages ? <Link className="rounded border bg-white px-3 py-1 hover:bg-slate-100" href={`/?page=${page + 1}`}>Next →</Link> : null}
        </nav>
      )}
    </section>
  );
}
