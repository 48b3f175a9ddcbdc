// The `probability` table's row, written by both classifier steps (stamp and light curve).
import type { ColumnTypes } from "../../db/bulk-insert";

/** One class probability of one object by one classifier version (ranking 1 = most probable). */
export interface ProbabilityRow {
  oid: string;
  classifier_name: string;
  classifier_version: string;
  class_name: string;
  probability: number;
  ranking: number;
}
export const probabilityColumns: ColumnTypes<ProbabilityRow> = {
  oid: "text",
  classifier_name: "text",
  classifier_version: "text",
  class_name: "text",
  probability: "double precision",
  ranking: "int",
};
