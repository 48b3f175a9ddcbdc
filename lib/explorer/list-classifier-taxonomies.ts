import type { PrismaClient } from "../generated/prisma/client";

export interface ClassifierTaxonomy {
  classifierName: string;
  classifierVersion: string;
  classes: string[];
}

/** Every classifier version with its ordered classes (the search page's classifier and class menus). */
export async function listClassifierTaxonomies(prisma: PrismaClient): Promise<ClassifierTaxonomy[]> {
  const rows = await prisma.taxonomy.findMany({ orderBy: [{ classifier_name: "asc" }, { classifier_version: "desc" }] });
  return rows.map((r) => ({ classifierName: r.classifier_name, classifierVersion: r.classifier_version, classes: r.classes }));
}
