import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LightcurvePlot } from "@/components/explorer/lightcurve-plot";
import { formatDecDms, formatRaHms } from "@/lib/coords/sexagesimal";
import { getObject } from "@/lib/objects/get-object";
import { getObjectLightcurve } from "@/lib/objects/get-object-lightcurve";
import { ztfObjectIdSchema } from "@/lib/objects/object-id";
import { getDb } from "@/lib/server/db";
import { formatMjdUtc } from "@/lib/time/mjd";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ oid: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { oid } = await params;
  return { title: oid };
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="font-mono text-sm">{children}</dd>
    </div>
  );
}

export default async function ObjectPage({ params }: Props) {
  const { oid } = await params;
  if (!ztfObjectIdSchema.safeParse(oid).success) notFound();
  const { prisma } = getDb();
  const [object, lightcurve] = await Promise.all([getObject(prisma, oid), getObjectLightcurve(prisma, oid)]);
  if (!object) notFound();

  return (
    <article className="flex flex-col gap-6">
      <header className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <h1 className="font-mono text-2xl font-semibold">{object.oid}</h1>
        <span className="text-sm text-slate-600">
          {object.ndet} detection{object.ndet === 1 ? "" : "s"}, {lightcurve.nonDetections.length} upper limit
          {lightcurve.nonDetections.length === 1 ? "" : "s"}
        </span>
      </header>

      <section aria-labelledby="basic-info" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="basic-info" className="mb-3 text-sm font-semibold text-slate-700">
          Basic information
        </h2>
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Field label="RA (J2000)">
            <span data-testid="ra-deg">{object.meanra.toFixed(6)}°</span>
            <br />
            <span data-testid="ra-hms">{formatRaHms(object.meanra)}</span>
          </Field>
          <Field label="Dec (J2000)">
            <span data-testid="dec-deg">{object.meandec >= 0 ? "+" : ""}{object.meandec.toFixed(6)}°</span>
            <br />
            <span data-testid="dec-dms">{formatDecDms(object.meandec)}</span>
          </Field>
          <Field label="First detection">
            MJD {object.firstmjd.toFixed(5)}
            <br />
            {formatMjdUtc(object.firstmjd)}
          </Field>
          <Field label="Last detection">
            MJD {object.lastmjd.toFixed(5)}
            <br />
            {formatMjdUtc(object.lastmjd)}
          </Field>
          <Field label="Detections (ndet)">{object.ndet}</Field>
          <Field label="Time span">{object.deltajd.toFixed(3)} d</Field>
          <Field label="ZTF history (ndethist / ncovhist)">
            {object.ndethist ?? "–"} / {object.ncovhist ?? "–"}
          </Field>
          <Field label="Position error (σRA, σDec)">
            {object.sigmara === null || object.sigmadec === null
              ? "–"
              : `${(object.sigmara * 3600).toFixed(2)}″, ${(object.sigmadec * 3600).toFixed(2)}″`}
          </Field>
        </dl>
      </section>

      <section aria-labelledby="lightcurve-heading" className="rounded border border-slate-200 bg-white p-4">
        <h2 id="lightcurve-heading" className="mb-2 text-sm font-semibold text-slate-700">
          Light curve
        </h2>
        <LightcurvePlot detections={lightcurve.detections} nonDetections={lightcurve.nonDetections} />
      </section>
    </article>
  );
}
