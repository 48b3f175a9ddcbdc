// A pipeline = the ordered step list + what its steps need (models, settings, a logger), and the two
// ways to run it: inside a batch's transaction (runBatchSteps) and as a pass after batches (runDebouncedPass).
import type pg from "pg";
import { getEnv } from "../server/env";
import { createLogger, type Logger } from "../server/logger";
import type { AlertRows } from "./alert-rows-type";
import type { LsstAlertRows } from "./lsst-alert-rows-type";
import {
  type BatchStep,
  type CreatedObjects,
  type DebouncedStep,
  type LsstBatchStep,
  NO_CREATED_OBJECTS,
  type PassStepContext,
  type PipelineConfig,
  type PipelineModels,
  type Step,
  type StepCounts,
  type StepResources,
} from "./step";
import { PIPELINE_STEPS } from "./steps";

export interface Pipeline extends StepResources {
  steps: readonly Step[];
}

/** Counters of each step that ran, by step name. */
export type StepOutcomes = Record<string, StepCounts>;

export function pipelineConfigFromEnv(): PipelineConfig {
  return { xmatchRadiusArcsec: getEnv().CIELO_XMATCH_RADIUS_ARCSEC };
}

/** PIPELINE_STEPS with no models and the environment's settings unless told otherwise. */
export function createPipeline(
  options: { steps?: readonly Step[]; models?: PipelineModels; config?: PipelineConfig; log?: Logger } = {},
): Pipeline {
  const names = new Set<string>();
  for (const step of options.steps ?? PIPELINE_STEPS) {
    if (names.has(step.name)) throw new Error(`two pipeline steps are named ${step.name}`);
    names.add(step.name);
  }
  return {
    steps: options.steps ?? PIPELINE_STEPS,
    models: options.models ?? {},
    config: options.config ?? pipelineConfigFromEnv(),
    log: options.log ?? createLogger("pipeline"),
  };
}

let defaultPipeline: Pipeline | undefined;
/** The pipeline of a caller that gives none: every step, no models (the classifier steps are off). */
export function getDefaultPipeline(): Pipeline {
  defaultPipeline ??= createPipeline();
  return defaultPipeline;
}

function isOn<S extends Step>(pipeline: Pipeline, stage: S["stage"]): (step: Step) => step is S {
  return (step): step is S => step.stage === stage && step.offReason(pipeline) === null;
}

/** One line for start-up logs: the steps in order, with the reason of each that is off. */
export function describePipeline(pipeline: Pipeline): string {
  return pipeline.steps
    .map((step) => {
      const off = step.offReason(pipeline);
      return `${step.name}${step.stage === "debounced" ? " (debounced)" : step.stage === "lsst-batch" ? " (LSST)" : ""}${off ? ` [off: ${off}]` : ""}`;
    })
    .join(" → ");
}

/**
 * Runs the batch steps that are on, in list order, inside the batch's transaction `tx`. A step that
 * throws aborts the batch (its transaction rolls back and the batch is replayed whole).
 */
export async function runBatchSteps(
  pipeline: Pipeline,
  batch: { tx: pg.PoolClient; alerts: readonly AlertRows[]; oids: readonly string[]; created?: CreatedObjects },
): Promise<StepOutcomes> {
  const outcomes: StepOutcomes = {};
  if (batch.oids.length === 0) return outcomes;
  const context = {
    models: pipeline.models,
    config: pipeline.config,
    log: pipeline.log,
    ...batch,
    created: batch.created ?? NO_CREATED_OBJECTS,
  };
  for (const step of pipeline.steps.filter(isOn<BatchStep>(pipeline, "batch"))) {
    outcomes[step.name] = await step.run(context);
  }
  return outcomes;
}

/** runBatchSteps for an LSST batch: the "lsst-batch" steps that are on, in list order, inside `tx`. */
export async function runLsstBatchSteps(
  pipeline: Pipeline,
  batch: { tx: pg.PoolClient; alerts: readonly LsstAlertRows[]; oids: readonly string[] },
): Promise<StepOutcomes> {
  const outcomes: StepOutcomes = {};
  if (batch.oids.length === 0) return outcomes;
  const context = { models: pipeline.models, config: pipeline.config, log: pipeline.log, ...batch };
  for (const step of pipeline.steps.filter(isOn<LsstBatchStep>(pipeline, "lsst-batch"))) {
    outcomes[step.name] = await step.run(context);
  }
  return outcomes;
}

export interface DebouncedPassOutcome {
  steps: StepOutcomes;
  /** A step stopped at maxObjects with work left. */
  morePending: boolean;
}

/**
 * Runs the debounced steps that are on, in list order, over whatever is pending in the database.
 * A failing step is logged, not thrown: its objects stay pending and the next pass retries them.
 */
export async function runDebouncedPass(
  pipeline: Pipeline,
  pool: pg.Pool,
  options: Pick<PassStepContext, "maxObjects" | "shouldStop" | "onChunk"> = {},
): Promise<DebouncedPassOutcome> {
  const outcome: DebouncedPassOutcome = { steps: {}, morePending: false };
  const context: PassStepContext = { models: pipeline.models, config: pipeline.config, log: pipeline.log, pool, ...options };
  for (const step of pipeline.steps.filter(isOn<DebouncedStep>(pipeline, "debounced"))) {
    if (options.shouldStop?.()) break;
    try {
      const result = await step.run(context);
      outcome.steps[step.name] = result.counts;
      outcome.morePending ||= result.morePending;
    } catch (error) {
      pipeline.log.warn({ step: step.name, err: (error as Error).message }, "pipeline step failed (retried at the next pass)");
    }
  }
  return outcome;
}

/** Adds `more` into `total`, counter by counter (an ingest summing its batches). */
export function addStepOutcomes(total: StepOutcomes, more: StepOutcomes): void {
  for (const [name, counts] of Object.entries(more)) {
    const sum: Record<string, number> = { ...total[name] };
    for (const [key, value] of Object.entries(counts)) sum[key] = (sum[key] ?? 0) + value;
    total[name] = sum;
  }
}
