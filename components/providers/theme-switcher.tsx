"use client";

import { useState } from "react";
import { THEME_COOKIE, THEMES, type Theme } from "@/lib/explorer/theme";

const LABELS: Record<Theme, string> = { light: "Light", dark: "Dark", observer: "Observer (red)" };

/** Light / dark / observer switch; the choice is kept in a cookie for a year. */
export function ThemeSwitcher({ initialTheme }: { initialTheme: Theme }) {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  function choose(next: Theme) {
    setTheme(next);
    document.documentElement.dataset.theme = next;
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
  }
  return (
    <label className="ml-auto flex items-center gap-2 text-sm text-muted">
      <span className="sr-only sm:not-sr-only">Theme</span>
      <select
        value={theme}
        onChange={(e) => choose(e.target.value as Theme)}
        className="min-h-11 rounded border border-line bg-panel px-2 py-1 text-ink sm:min-h-0"
        data-testid="theme-switcher"
        aria-label="Colour theme"
      >
        {THEMES.map((t) => (
          <option key={t} value={t}>
            {LABELS[t]}
          </option>
        ))}
      </select>
    </label>
  );
}
