import { z } from "zod";

/** Explorer colour themes; "observer" is the red night-vision mode. */
export const THEMES = ["light", "dark", "observer"] as const;
export const themeSchema = z.enum(THEMES);
export type Theme = z.infer<typeof themeSchema>;

/** Cookie holding the theme, read by the root layout so the server renders it without a flash. */
export const THEME_COOKIE = "cielo-theme";

export function parseTheme(value: string | undefined): Theme {
  const parsed = themeSchema.safeParse(value);
  return parsed.success ? parsed.data : "light";
}
