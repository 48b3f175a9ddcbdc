/** Recorded in step_id_corr of the rows the ingest pipeline writes, so a re-processing can tell them apart. */
export const INGEST_STEP_ID = "cielo-ingest-0.1.0";
