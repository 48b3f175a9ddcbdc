import type { PrismaClient } from "../generated/prisma/client";
import type { ZtfCutoutKind } from "../alerts/ztf-cutouts";
import type { AlertRef } from "./alert-params";

export interface AlertStamp {
  /** The cutout's file name inside the alert (e.g. candid1127561441415015002_pid..._targ_sci.fits.gz). */
  fileName: string;
  /** Exactly the bytes the alert carried (gzipped FITS for ZTF). */
  stampData: Buffer;
}

/** One of an alert's three cutouts; null when the alert (for that object) or the cutout is unknown. */
export async function getAlertStamp(prisma: PrismaClient, ref: AlertRef, kind: ZtfCutoutKind): Promise<AlertStamp | null> {
  const cutout = await prisma.cutout.findUnique({
    where: { candid_kind: { candid: ref.candid, kind } },
    select: { file_name: true, stamp_data: true, packet: { select: { oid: true } } },
  });
  if (!cutout || cutout.packet.oid !== ref.oid) return null;
  return { fileName: cutout.file_name, stampData: Buffer.from(cutout.stamp_data) };
}
