/** Explorer colour themes; "observer" is the red night-vision mode. */
export const THEMES = ["light", "dark", "observer"] as const;
export type Theme = (typeof THEMES)[number];

/** Cookie holding the theme, read by the root layout so the server renders it without a flash. */
export const THEME_COOKIE = "cielo-theme";

/** The cookie's theme; anything else (absent, tampered) is the light theme. No zod here: this
 * module is in every page's client bundle (the theme menu), and a membership test is the whole check. */
export function parseTheme(value: string | undefined): Theme {
  return (THEMES as readonly string[]).includes(value ?? "") ? (value as Theme) : "light";
}
