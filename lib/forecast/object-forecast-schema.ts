// The forecast resource's parameters and response (API route, object page, browser plot): zod only,
// so the client bundle does not pull in the read layer.
import { z } from "zod";
import { DEFAULT_FORECAST_HORIZON_DAYS } from "./forecast-supernova";

export const MAX_FORECAST_HORIZON_DAYS = 100;

export const forecastParamsSchema = z.object({
  horizon_days: z.coerce.number().int().min(1).max(MAX_FORECAST_HORIZON_DAYS).default(DEFAULT_FORECAST_HORIZON_DAYS),
});
export type ForecastParams = z.infer<typeof forecastParamsSchema>;

const pointSchema = z.object({ mjd: z.number(), mag: z.number(), mag_bright: z.number(), mag_faint: z.number().nullable() }).strict();

export const objectForecastSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("transient"),
      model: z.literal("SPM"),
      band_probability: z.number(),
      horizon_days: z.number(),
      bands: z.array(
        z
          .object({
            fid: z.number().int(),
            last_observed_mjd: z.number(),
            peak: z.object({ mjd: z.number(), mag: z.number(), is_past: z.boolean() }).strict(),
            points: z.array(pointSchema),
          })
          .strict(),
      ),
    })
    .strict(),
  z
    .object({
      kind: z.literal("periodic"),
      class_name: z.string(),
      period_days: z.number(),
      fid: z.number().int(),
      next_maximum_mjd: z.number(),
      maximum_mag: z.number(),
      next_minimum_mjd: z.number(),
      minimum_mag: z.number(),
    })
    .strict(),
  z.object({ kind: z.literal("none"), reason: z.string() }).strict(),
]);
export type ObjectForecast = z.infer<typeof objectForecastSchema>;
