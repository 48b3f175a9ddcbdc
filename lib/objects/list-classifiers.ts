import { z } from "zod";
import { hasNoNul } from "../http/query-params";
import { queryRows } from "../db/query-rows";
import type { Sql } from "../db/sql";

export const classifierSchema = z
  .object({ classifier_name: z.string(), classifier_version: z.string(), classes: z.array(z.string()) })
  .strict();

export type ApiClassifier = z.infer<typeof classifierSchema>;

export const classSchema = z.object({ name: z.string() }).strict();

export type ClassifierClass = z.infer<typeof classSchema>;

/** Every classifier version with its classes (the taxonomy table). */
export async function listClassifiers(sql: Sql): Promise<ApiClassifier[]> {
  return queryRows<ApiClassifier>(
    sql,
    "select classifier_name, classifier_version, classes from taxonomy order by classifier_name, classifier_version",
  );
}

/** The classes of one classifier version, as [{name}]; null when that classifier version is unknown. */
export async function getClassifierClasses(sql: Sql, name: string, version: string): Promise<ClassifierClass[] | null> {
  if (name.length > 200 || version.length > 200 || !hasNoNul(name) || !hasNoNul(version)) return null;
  const rows = await queryRows<{ classes: string[] }>(
    sql,
    "select classes from taxonomy where classifier_name = $1 and classifier_version = $2",
    [name, version],
  );
  return rows[0] ? rows[0].classes.map((c) => ({ name: c })) : null;
}
