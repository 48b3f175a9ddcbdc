// A stream filter, as users write it: the Explorer's search terms (the object) plus conditions on
// one alert (its band, magnitude, rise rate, classes, crossmatches, distance to a PS1 star). It is
// validated JSON, never SQL: lib/streams/filter-sql.ts turns it into one parameterised condition,
// the same for the search, the ingest step and the replay, so the three agree by construction.
import { z } from "zod";
import { searchObjectsFieldsSchema } from "../objects/search-objects";

/** The Explorer's search terms a filter can hold (paging, counting and order are the search page's). */
export const filterSearchTermsSchema = searchObjectsFieldsSchema
  .pick({
    oid: true,
    classifier: true,
    classifier_version: true,
    class_name: true,
    ranking: true,
    probability: true,
    ndet: true,
    firstmjd: true,
    lastmjd: true,
    ra: true,
    dec: true,
    radius: true,
  })
  .strict()
  .superRefine((p, ctx) => {
    if ((p.ra === undefined) !== (p.dec === undefined)) {
      ctx.addIssue({ code: "custom", path: [p.ra === undefined ? "ra" : "dec"], message: "ra and dec must be given together for a cone" });
    }
  });
export type FilterSearchTerms = z.output<typeof filterSearchTermsSchema>;

const range = (min: number, max: number, what: string) =>
  z
    .object({ min: z.number().finite().min(min).max(max).optional(), max: z.number().finite().min(min).max(max).optional() })
    .strict()
    .refine((r) => r.min !== undefined || r.max !== undefined, { error: `give a minimum or a maximum ${what}` })
    .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, { error: `the minimum ${what} is above the maximum` });

const className = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_ /.+-]+$/, { error: "a class name (letters, digits, _ / . + -)" });

const classCondition = z
  .object({
    className,
    /** The class's probability is at least this (0 = the class is present at any probability). */
    minProbability: z.number().min(0).max(1).default(0),
    /** Only when it is the classifier's top class (ranking 1). */
    topOnly: z.boolean().default(true),
  })
  .strict();

/**
 * Conditions on one alert (its own candidate: detection with parent_candid null) and what the
 * pipeline knew about its object when the alert was ingested. Every field is optional; all given
 * fields must hold. Extension point: a new condition (survey, anomaly score) is a field here plus
 * its SQL in ALERT_CONDITION_SQL (filter-sql.ts) — the compiler refuses a field without SQL.
 */
export const alertConditionsSchema = z
  .object({
    /** ZTF bands: 1 = g, 2 = r, 3 = i. */
    bands: z
      .array(z.union([z.literal(1), z.literal(2), z.literal(3)]))
      .min(1)
      .max(3)
      .optional(),
    /** PSF magnitude of the alert (AB mag). */
    magpsf: range(-5, 40, "magnitude").optional(),
    /** Positive difference only (the source brightened against the template). */
    positiveOnly: z.boolean().optional(),
    /** Real/bogus score (drb when present, else rb) at least this. */
    minRealBogus: z.number().min(0).max(1).optional(),
    /**
     * Brightening rate against the object's previous detection in the same band, in mag/day
     * (positive = getting brighter): (previous magpsf − this magpsf) / (this mjd − previous mjd).
     * An alert with no earlier detection in its band has no rate and fails a rise condition.
     */
    riseRateMagPerDay: range(-100, 100, "rise rate").optional(),
    /** A class of the stamp classifier (set on the object's first alert). */
    stampClass: classCondition.optional(),
    /** A class of the light-curve classifier (as known when the alert was ingested: it runs after batches). */
    lcClass: classCondition.optional(),
    /** A counterpart in a loaded catalog (any catalog when `catalog` is absent) is present or absent. */
    crossmatch: z
      .object({
        present: z.boolean(),
        catalog: z
          .string()
          .regex(/^[a-z][a-z0-9_]{0,40}$/, { error: "a loaded catalog's name" })
          .optional(),
      })
      .strict()
      .optional(),
    /**
     * Distance to the nearest PS1 source the alert reports (distpsnr1) when that source is a star
     * (sgscore1 ≥ minStarScore). `minArcsec`: no such star closer than this (a star farther away,
     * or no star, passes); `maxArcsec`: a star at most this far.
     */
    ps1Star: z
      .object({
        minArcsec: z.number().min(0).max(60).optional(),
        maxArcsec: z.number().min(0).max(60).optional(),
        minStarScore: z.number().min(0).max(1).default(0.5),
      })
      .strict()
      .refine((s) => s.minArcsec !== undefined || s.maxArcsec !== undefined, { error: "give a minimum or a maximum distance" })
      .optional(),
  })
  .strict();
export type AlertConditions = z.output<typeof alertConditionsSchema>;

export const FILTER_DEFINITION_VERSION = 1;

export const filterDefinitionSchema = z
  .object({
    version: z.literal(FILTER_DEFINITION_VERSION).default(FILTER_DEFINITION_VERSION),
    search: filterSearchTermsSchema.default({}),
    alert: alertConditionsSchema.default({}),
  })
  .strict();
export type FilterDefinition = z.output<typeof filterDefinitionSchema>;
export type FilterDefinitionInput = z.input<typeof filterDefinitionSchema>;
