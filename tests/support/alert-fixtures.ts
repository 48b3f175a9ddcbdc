// The bundled real ZTF alert fixtures (fixtures/alerts/) and their manifest, for tests.
import fs from "node:fs";
import path from "node:path";

export const ALERT_FIXTURES_DIR = path.resolve(import.meta.dirname, "../../fixtures/alerts");

/** One row of fixtures/alerts/MANIFEST.tsv (values as written there; see fixtures/README.md). */
export type AlertFixture = {
  /** Relative to ALERT_FIXTURES_DIR. */
  fixturePath: string;
  absolutePath: string;
  /** Alert set in the shared data (e.g. "ztf-avro-alert"). */
  set: string;
  sha1: string;
  bytes: number;
  nAlerts: number;
  objectId: string;
  /** Decimal string: candids exceed 2^53. */
  candid: string;
  jd: number | null;
  /** "(no schemavsn field)" for pre-2.0 packets. */
  schemavsn: string;
  writerSchemaName: string;
  codec: string;
  nPrvCandidates: number | null;
  nPrvDetections: number | null;
  /** [science, template, difference] byte sizes, 0 = null cutout; null when not applicable. */
  cutoutBytes: [number, number, number] | null;
  /** null when the schema has no fp_hists field ("no field"). */
  nFpHists: number | null;
  note: string;
};

const intOrNull = (value: string | undefined): number | null => (value === undefined || value === "" ? null : Number.parseInt(value, 10));

export function loadAlertFixtures(): AlertFixture[] {
  const text = fs.readFileSync(path.join(ALERT_FIXTURES_DIR, "MANIFEST.tsv"), "utf8");
  const [headerLine, ...lines] = text.split("\n").filter((line) => line.length > 0);
  if (!headerLine) throw new Error("fixtures/alerts/MANIFEST.tsv is empty");
  const header = headerLine.split("\t");
  return lines.map((line) => {
    const cells = line.split("\t");
    const get = (column: string): string => {
      const index = header.indexOf(column);
      if (index < 0) throw new Error(`MANIFEST.tsv has no column ${column}`);
      return cells[index] ?? "";
    };
    const cutouts = get("cutout_bytes_sci_tmpl_diff").split("/").map(Number);
    const [science, template, difference] = cutouts;
    const fixturePath = get("fixture_path");
    return {
      fixturePath,
      absolutePath: path.join(ALERT_FIXTURES_DIR, fixturePath),
      set: get("path").split("/")[1] ?? "",
      sha1: get("sha1"),
      bytes: Number(get("bytes")),
      nAlerts: Number(get("n_alerts")),
      objectId: get("objectId"),
      candid: get("candid"),
      jd: get("jd") === "" ? null : Number(get("jd")),
      schemavsn: get("schemavsn"),
      writerSchemaName: get("writer_schema_name"),
      codec: get("codec"),
      nPrvCandidates: intOrNull(get("n_prv_candidates")),
      nPrvDetections: intOrNull(get("n_prv_detections")),
      cutoutBytes:
        cutouts.length === 3 &&
        science !== undefined &&
        template !== undefined &&
        difference !== undefined &&
        cutouts.every(Number.isFinite)
          ? [science, template, difference]
          : null,
      nFpHists: intOrNull(get("n_fp_hists").replace("no field", "")),
      note: get("note"),
    };
  });
}
