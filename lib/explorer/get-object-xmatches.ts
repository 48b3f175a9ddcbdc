import type { PrismaClient } from "../generated/prisma/client";

export interface ObjectXmatch {
  catalog: string;
  catalogId: string;
  distArcsec: number;
  catalogClass: string | null;
  periodDays: number | null;
}

/** The object's stored crossmatches (nearest counterpart per catalog), nearest first. */
export async function getObjectXmatches(prisma: PrismaClient, oid: string): Promise<ObjectXmatch[]> {
  const rows = await prisma.xmatch.findMany({
    where: { oid },
    select: { catid: true, oid_catalog: true, dist: true, class_catalog: true, period: true },
    orderBy: { dist: "asc" },
  });
  return rows.map((r) => ({
    catalog: r.catid,
    catalogId: r.oid_catalog,
    distArcsec: r.dist,
    catalogClass: r.class_catalog,
    periodDays: r.period,
  }));
}
