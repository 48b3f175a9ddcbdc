// Stamp classification of new objects, inside the batch transaction (as ALeRCE's stamp step: only
// the first alert of an object is classified, and an object that has a stamp_classifier
// probability of any version is never classified again).
import type { PoolClient } from "pg";
import { bulkInsert } from "../../db/bulk-insert";
import { FitsError } from "../../fits/read-fits-image";
import { STAMP_CLASSES } from "../../classifiers/stamp/stamp-classes";
import type { StampClassifier, StampClassifierInput, StampRule } from "../../classifiers/stamp/stamp-classifier";
import { StampPreprocessError, stampTensor, type StampTriplet } from "../../stamps/preprocess-stamps";
import type { AlertRows } from "../alert-rows-type";
import type { BatchStep } from "../step";
import { probabilityColumns, type ProbabilityRow } from "./probability-rows";

export interface ClassifyNewObjectsOutcome {
  /** Objects that got their 5 probabilities now. */
  classified: number;
  /** First alerts without three decodable FITS cutouts (not classified; a later alert may be). */
  skippedNoStamps: number;
  /** Classified objects the ALeRCE SN rule kept out of SN (top class SN with a negative difference or a star within 1″). */
  snVetoed: number;
  /** How many of the classified objects the known-asteroid rule decided. */
  asteroidRule: number;
}

/** The alert's three cutouts as stampTensor input (null for a missing one). */
function tripletOf(rows: AlertRows): StampTriplet {
  const find = (kind: "science" | "template" | "difference") => {
    const cutout = rows.cutouts.find((c) => c.kind === kind);
    return cutout ? { stampData: cutout.stamp_data } : null;
  };
  return { science: find("science"), template: find("template"), difference: find("difference") };
}

/**
 * The [21, 21, 3] classifier tensor of each alert (stampTensor of its three cutouts), or the
 * StampPreprocessError / FitsError that makes it unusable (missing or non-FITS cutout).
 */
export function stampTensorsOf(rows: readonly AlertRows[]): (Float32Array | StampPreprocessError | FitsError)[] {
  return rows.map((row) => {
    // Made on the decode thread when the ingest runs with a classifier (decodeAlertFile's stampTensors).
    if (row.stampTensor instanceof Float32Array) return row.stampTensor;
    if (row.stampTensor === null) return new StampPreprocessError("the alert has no three decodable FITS cutouts");
    try {
      return stampTensor(tripletOf(row));
    } catch (error) {
      if (error instanceof StampPreprocessError || error instanceof FitsError) return error;
      throw error;
    }
  });
}

/** Classifier input from the rows of one alert (its own candidate is detections[0]). */
export function stampInputOf(rows: AlertRows, stamps: Float32Array): StampClassifierInput {
  const d = rows.detections[0]!;
  const { ps1, dataquality: dq, object, ss } = rows;
  return {
    stamps,
    meta: {
      sgscore1: ps1.sgscore1,
      distpsnr1: ps1.distpsnr1,
      sgscore2: ps1.sgscore2,
      distpsnr2: ps1.distpsnr2,
      sgscore3: ps1.sgscore3,
      distpsnr3: ps1.distpsnr3,
      isdiffpos: d.isdiffpos,
      fwhm: dq.fwhm,
      magpsf: d.magpsf,
      sigmapsf: d.sigmapsf,
      ra: d.ra,
      dec: d.dec,
      diffmaglim: d.diffmaglim,
      classtar: dq.classtar,
      ndethist: object.ndethist,
      ncovhist: object.ncovhist,
      chinr: d.chinr,
      sharpnr: d.sharpnr,
    },
    ssdistnr: ss.ssdistnr,
    ssmagnr: ss.ssmagnr,
    isdiffpos: d.isdiffpos,
    sgscore1: ps1.sgscore1,
    distpsnr1: ps1.distpsnr1,
  };
}

/** Per oid, the batch's earliest alert (by mjd, then candid). */
export function earliestAlertPerObject(rows: readonly AlertRows[]): AlertRows[] {
  const byOid = new Map<string, AlertRows>();
  const mjd = (r: AlertRows) => r.detections[0]?.mjd ?? r.packet.mjd;
  for (const row of rows) {
    const current = byOid.get(row.oid);
    if (!current || mjd(row) < mjd(current) || (mjd(row) === mjd(current) && row.candid < current.candid)) byOid.set(row.oid, row);
  }
  return [...byOid.values()];
}

/**
 * Classifies the objects of a batch that have no stamp_classifier probability yet, from their
 * earliest alert in the batch, and writes 5 probability rows each (ranking 1 = most probable) and
 * the classifier's taxonomy row. Meant to run inside the batch's transaction, after the objects
 * were upserted (their rows are locked, so concurrent batches cannot classify the same object twice).
 */
export async function classifyNewObjects(
  client: PoolClient,
  rows: readonly AlertRows[],
  classifier: StampClassifier,
  /** Objects created by this batch: they cannot have a probability yet, so they are not looked up. */
  createdOids: ReadonlySet<string> = new Set(),
): Promise<ClassifyNewObjectsOutcome> {
  const outcome: ClassifyNewObjectsOutcome = { classified: 0, skippedNoStamps: 0, snVetoed: 0, asteroidRule: 0 };
  const candidates = earliestAlertPerObject(rows);
  if (candidates.length === 0) return outcome;
  const { classifierName, classifierVersion } = classifier.manifest;
  const maybeClassified = candidates.filter((r) => !createdOids.has(r.oid)).map((r) => r.oid);
  const known =
    maybeClassified.length === 0
      ? []
      : (
          await client.query<{ oid: string }>("SELECT DISTINCT oid FROM probability WHERE classifier_name = $1 AND oid = ANY($2::text[])", [
            classifierName,
            maybeClassified,
          ])
        ).rows;
  const classifiedBefore = new Set(known.map((r) => r.oid));

  const fresh = candidates.filter((row) => !classifiedBefore.has(row.oid));
  const tensors = stampTensorsOf(fresh);
  const toClassify: { oid: string; input: StampClassifierInput }[] = [];
  fresh.forEach((row, k) => {
    const stamps = tensors[k]!;
    if (stamps instanceof Error) outcome.skippedNoStamps += 1;
    else toClassify.push({ oid: row.oid, input: stampInputOf(row, stamps) });
  });
  if (toClassify.length === 0) return outcome;

  const results = await classifier.classify(toClassify.map((t) => t.input));
  const probabilityRows: ProbabilityRow[] = [];
  results.forEach(({ probabilities, rule }, k) => {
    outcome.classified += 1;
    if (rule === "sn_negative_difference" || rule === "sn_near_star") outcome.snVetoed += 1;
    if (rule === ("asteroid" satisfies StampRule)) outcome.asteroidRule += 1;
    const order = STAMP_CLASSES.map((_, i) => i).sort((a, b) => probabilities[b]! - probabilities[a]! || a - b);
    order.forEach((i, rank) =>
      probabilityRows.push({
        oid: toClassify[k]!.oid,
        classifier_name: classifierName,
        classifier_version: classifierVersion,
        class_name: STAMP_CLASSES[i]!,
        probability: probabilities[i]!,
        ranking: rank + 1,
      }),
    );
  });
  if (probabilityRows.length > 0) {
    await client.query(
      "INSERT INTO taxonomy (classifier_name, classifier_version, classes) VALUES ($1, $2, $3::text[]) ON CONFLICT DO NOTHING",
      [classifierName, classifierVersion, [...STAMP_CLASSES]],
    );
    await bulkInsert(client, "probability", probabilityColumns, probabilityRows, "ON CONFLICT DO NOTHING");
  }
  return outcome;
}

export const stampClassifierStep: BatchStep = {
  name: "stamp-classifier",
  version: "1",
  stage: "batch",
  reads: ["probability"],
  writes: ["probability", "taxonomy"],
  offReason: ({ models }) => (models.stamp ? null : "no stamp classifier loaded"),
  run: async ({ tx, alerts, models, created }) => {
    if (!models.stamp) throw new Error("the stamp-classifier step ran without a stamp classifier (offReason says it is off)");
    const { classified, skippedNoStamps, snVetoed, asteroidRule } = await classifyNewObjects(tx, alerts, models.stamp, created.oids);
    return { classified, skippedNoStamps, snVetoed, asteroidRule };
  },
};
