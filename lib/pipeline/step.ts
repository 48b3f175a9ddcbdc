// What a pipeline step is. The steps themselves are in lib/pipeline/steps/, and the one ordered list
// that every ingest runs is PIPELINE_STEPS (lib/pipeline/steps.ts). See docs/decisions/0014-pipeline-as-steps.md.
import type pg from "pg";
import type { Detection, NonDetection, Ps1Ztf, Reference } from "../generated/prisma/client";
import type { AnomalyDetector } from "../classifiers/anomaly/anomaly-detector";
import type { LcClassifier } from "../classifiers/lc/lc-classifier";
import type { StampClassifier } from "../classifiers/stamp/stamp-classifier";
import type { Logger } from "../server/logger";
import type { AlertRows } from "./alert-rows-type";
import type { LsstAlertRows } from "./lsst-alert-rows-type";

/** The models a process loaded at start-up. A step whose model is missing is off; a new classifier adds its field here. */
export interface PipelineModels {
  stamp?: StampClassifier;
  lc?: LcClassifier;
  anomaly?: AnomalyDetector;
}

/** Settings the steps read (pipelineConfigFromEnv: from lib/server/env). */
export interface PipelineConfig {
  /** Crossmatch radius of the catalog step; 0 turns the step off. */
  xmatchRadiusArcsec: number;
}

/** What every step is given, whatever its stage. */
export interface StepResources {
  models: PipelineModels;
  config: PipelineConfig;
  log: Logger;
}

/** A batch step's input: the batch's transaction and what the batch wrote. */
export interface BatchStepContext extends StepResources {
  /** The batch's transaction: one connection, so a step may open a savepoint. Nothing is committed before every step ran. */
  tx: pg.PoolClient;
  /** The batch's alerts that were not stored before (replays and duplicates within the batch left out). */
  alerts: readonly AlertRows[];
  /** The objects of those alerts, locked by the batch's object upsert (never empty: with no object, no step runs). */
  oids: readonly string[];
  /** The objects this batch created, with the rows it wrote for them (a step may skip re-reading those). */
  created: CreatedObjects;
}

/**
 * Objects that did not exist before the batch, and the rows the batch wrote, deduplicated as they
 * were written (every table keys on the object, so for these objects nothing else is stored).
 * `oids` is empty when the batch could not tell (then every step reads the database).
 */
export interface CreatedObjects {
  oids: ReadonlySet<string>;
  detections: readonly Detection[];
  nonDetections: readonly NonDetection[];
  ps1: readonly Ps1Ztf[];
  references: readonly Reference[];
}

/** No object known to be new: every step reads what it needs from the database. */
export const NO_CREATED_OBJECTS: CreatedObjects = { oids: new Set(), detections: [], nonDetections: [], ps1: [], references: [] };

/** A debounced step's input: the pool (the step opens its own transactions) and the pass's bounds. */
export interface PassStepContext extends StepResources {
  pool: pg.Pool;
  /** Stop after this many objects (default: all pending). */
  maxObjects?: number;
  /** Checked between chunks (a stopping worker). */
  shouldStop?: () => boolean;
  /** Called after each committed chunk (a worker heartbeat). */
  onChunk?: () => Promise<void> | void;
}

/** What a step reports: named counters, summed over batches by the ingest (e.g. { classified: 12, skippedNoStamps: 1 }). */
export type StepCounts = Readonly<Record<string, number>>;

export interface PassStepResult {
  counts: StepCounts;
  /** The step stopped at maxObjects with work left: the caller should run another pass soon. */
  morePending: boolean;
}

interface StepDescription {
  /** Unique within the list; keys the step's counters in the ingest summary. */
  name: string;
  /** Version of the step's logic (a model's own version is in its manifest). */
  version: string;
  /** Tables the step reads. */
  reads: readonly string[];
  /** Tables the step writes. */
  writes: readonly string[];
  /** Why the step is off with these resources (no model loaded, radius 0), or null when it runs. */
  offReason(resources: StepResources): string | null;
}

/** Runs inside each batch's transaction, after the batch's rows are written, in list order. */
export interface BatchStep extends StepDescription {
  stage: "batch";
  run(context: BatchStepContext): Promise<StepCounts>;
}

/** Runs after batches, debounced by the worker (not on every alert), over whatever is pending in the database. */
export interface DebouncedStep extends StepDescription {
  stage: "debounced";
  run(context: PassStepContext): Promise<PassStepResult>;
}

/** An LSST batch's input: its transaction and the LSST alerts it wrote (ADR 0032). */
export interface LsstBatchStepContext extends StepResources {
  tx: pg.PoolClient;
  /** The batch's LSST alerts that were not stored before. */
  alerts: readonly LsstAlertRows[];
  /** survey_object oids (survey "lsst") of those alerts, locked by the batch's object upsert (never empty). */
  oids: readonly string[];
}

/** Runs inside each LSST batch's transaction, after its rows are written, in list order. */
export interface LsstBatchStep extends StepDescription {
  stage: "lsst-batch";
  run(context: LsstBatchStepContext): Promise<StepCounts>;
}

export type Step = BatchStep | DebouncedStep | LsstBatchStep;
