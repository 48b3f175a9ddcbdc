// Executes the notebooks of docs/notebooks headless (jupyter nbconvert --execute) against the API
// route modules served on a test database with the bundled sample alerts, and checks that their
// outputs hold the expected objects. Needs Debian's jupyter-nbconvert, python3-nbclient,
// python3-ipykernel, python3-requests and python3-matplotlib (.ci/run installs them).
import { CURRENT_STAMP_MODEL_VERSION } from "../lib/classifiers/stamp/model-manifest";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_OID, withApiTestServer } from "./support/api-fixture";

const NOTEBOOKS_DIR = path.resolve(import.meta.dirname, "..", "docs", "notebooks");
const JUPYTER = ["/usr/bin/jupyter", "/usr/local/bin/jupyter"].find((p) => fs.existsSync(p));
const MISSING =
  "SKIPPED: jupyter is not installed (apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel python3-requests python3-matplotlib)";

interface Output {
  output_type: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
  ename?: string;
}
interface Notebook {
  cells: { cell_type: string; outputs?: Output[] }[];
}

const join = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : (t ?? ""));

function outputsOf(file: string): { text: string; images: number; errors: string[] } {
  const nb = JSON.parse(fs.readFileSync(file, "utf8")) as Notebook;
  let text = "";
  let images = 0;
  const errors: string[] = [];
  for (const cell of nb.cells) {
    for (const out of cell.outputs ?? []) {
      text += join(out.text) + join(out.data?.["text/plain"]);
      if (out.data?.["image/png"]) images++;
      if (out.output_type === "error") errors.push(out.ename ?? "error");
    }
  }
  return { text, images, errors };
}

describe.skipIf(!JUPYTER)(JUPYTER ? "API notebooks (docs/notebooks)" : MISSING, () => {
  const api = withApiTestServer();
  let outDir: string;

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-notebooks-"));
    const notebooks = fs
      .readdirSync(NOTEBOOKS_DIR)
      .filter((f) => f.endsWith(".ipynb"))
      .sort()
      .map((f) => path.join(NOTEBOOKS_DIR, f));
    // Async: the API server answers the notebooks from this same process.
    await promisify(execFile)(
      JUPYTER!,
      ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=180", "--output-dir", outDir, ...notebooks],
      {
        env: {
          ...process.env,
          PATH: `/usr/bin:${process.env.PATH ?? ""}`,
          CIELO_URL: api.server.url,
          CIELO_OID: SAMPLE_OID,
          MPLBACKEND: "Agg",
        },
        timeout: 600_000,
        maxBuffer: 16 * 1024 * 1024,
      },
    );
  }, 660_000);

  afterAll(async () => {
    if (outDir) fs.rmSync(outDir, { recursive: true, force: true });
  });

  it("01 query objects by class: lists the most probable SN and a count per class", async () => {
    const { text, errors } = outputsOf(path.join(outDir, "01-query-objects-by-class.ipynb"));
    expect(errors).toEqual([]);
    const { rows } = await api.db.pool.query<{ oid: string }>(
      "select oid from probability where classifier_name = 'stamp_classifier' and class_name = 'SN' and ranking = 1 and probability >= 0.5 order by probability desc limit 1",
    );
    expect(rows.length).toBe(1);
    expect(text).toContain(rows[0]!.oid);
    expect(text).toContain(`stamp_classifier stamp_classifier_${CURRENT_STAMP_MODEL_VERSION} ['AGN', 'SN', 'VS', 'asteroid', 'bogus']`);
    const { rows: rich } = await api.db.pool.query<{ oid: string }>(
      "select oid from object where ndet >= 10 order by ndet desc, oid limit 1",
    );
    expect(text).toContain(rich[0]!.oid);
  });

  it("02 light curve: the object's detection counts and a plot", async () => {
    const { text, images, errors } = outputsOf(path.join(outDir, "02-light-curve.ipynb"));
    expect(errors).toEqual([]);
    const { rows } = await api.db.pool.query<{ d: number; n: number }>(
      "select (select count(*) from detection where oid = $1)::int as d, (select count(*) from non_detection where oid = $1)::int as n",
      [SAMPLE_OID],
    );
    expect(text).toContain(`${rows[0]!.d} detections, ${rows[0]!.n} non-detections`);
    expect(text).toContain(SAMPLE_OID);
    expect(images).toBe(1);
  });

  it("03 stamps: three PNG stamps of the first alert with stamps, its FITS header and Avro", async () => {
    const { text, images, errors } = outputsOf(path.join(outDir, "03-stamps.ipynb"));
    expect(errors).toEqual([]);
    const { rows } = await api.db.pool.query<{ candid: string }>(
      "select candid::text from detection where oid = $1 and has_stamp order by mjd limit 1",
      [SAMPLE_OID],
    );
    expect(text).toContain(`first alert with stamps: ${rows[0]!.candid}`);
    expect(images).toBe(3);
    expect(text).toContain("SIMPLE = T");
    expect(text).toContain(`of ${SAMPLE_OID} with`);
  });

  it("04 cone search: finds the object around its own position; bad coordinates get a 400", async () => {
    const { text, errors } = outputsOf(path.join(outDir, "04-cone-search.ipynb"));
    expect(errors).toEqual([]);
    expect(text).toMatch(new RegExp(`radius\\s+5": 1 object\\(s\\): ${SAMPLE_OID}`));
    expect(text).toContain("400 {'errors'");
  });
});
