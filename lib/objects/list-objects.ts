import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client";

export const listObjectsParamsSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});
export type ListObjectsParams = z.infer<typeof listObjectsParamsSchema>;

export interface ObjectSummary {
  oid: string;
  ndet: number;
  firstmjd: number;
  lastmjd: number;
  meanra: number;
  meandec: number;
}

export interface ObjectPage {
  items: ObjectSummary[];
  total: number;
  page: number;
  pageSize: number;
}

/** Objects, most recently detected first (ties by oid), one page at a time. */
export async function listObjects(prisma: PrismaClient, params: ListObjectsParams): Promise<ObjectPage> {
  const [items, total] = await Promise.all([
    prisma.astroObject.findMany({
      select: { oid: true, ndet: true, firstmjd: true, lastmjd: true, meanra: true, meandec: true },
      orderBy: [{ lastmjd: "desc" }, { oid: "asc" }],
      skip: (params.page - 1) * params.pageSize,
      take: params.pageSize,
    }),
    prisma.astroObject.count(),
  ]);
  return { items, total, page: params.page, pageSize: params.pageSize };
}
