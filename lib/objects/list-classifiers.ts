import { hasNoNul } from "../api/query-params";
import { querySql, type SqlClient } from "../api/sql-client";

export interface ApiClassifier {
  classifier_name: string;
  classifier_version: string;
  classes: string[];
}

/** Every classifier version with its classes (the taxonomy table). */
export async function listClassifiers(client: SqlClient): Promise<ApiClassifier[]> {
  return querySql<ApiClassifier>(
    client,
    "select classifier_name, classifier_version, classes from taxonomy order by classifier_name, classifier_version",
  );
}

/** The classes of one classifier version, as [{name}]; null when that classifier version is unknown. */
export async function getClassifierClasses(client: SqlClient, name: string, version: string): Promise<{ name: string }[] | null> {
  if (name.length > 200 || version.length > 200 || !hasNoNul(name) || !hasNoNul(version)) return null;
  const rows = await querySql<{ classes: string[] }>(
    client,
    "select classes from taxonomy where classifier_name = $1 and classifier_version = $2",
    [name, version],
  );
  return rows[0] ? rows[0].classes.map((c) => ({ name: c })) : null;
}
