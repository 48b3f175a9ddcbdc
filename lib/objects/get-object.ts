import type { PrismaClient } from "../generated/prisma/client";

export interface ObjectDetail {
  oid: string;
  ndet: number;
  firstmjd: number;
  lastmjd: number;
  deltajd: number;
  meanra: number;
  meandec: number;
  sigmara: number | null;
  sigmadec: number | null;
  corrected: boolean;
  stellar: boolean;
  ndethist: number | null;
  ncovhist: number | null;
}

export async function getObject(prisma: PrismaClient, oid: string): Promise<ObjectDetail | null> {
  return prisma.astroObject.findUnique({
    where: { oid },
    select: {
      oid: true,
      ndet: true,
      firstmjd: true,
      lastmjd: true,
      deltajd: true,
      meanra: true,
      meandec: true,
      sigmara: true,
      sigmadec: true,
      corrected: true,
      stellar: true,
      ndethist: true,
      ncovhist: true,
    },
  });
}
