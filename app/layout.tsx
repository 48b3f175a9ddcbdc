import type { Metadata, Viewport } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { QueryProvider } from "@/components/providers/query-provider";
import { ThemeSwitcher } from "@/components/providers/theme-switcher";
import { THEME_COOKIE, parseTheme } from "@/lib/explorer/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Cielo — ZTF alert broker", template: "%s · Cielo" },
  description: "Explore ZTF alerts: objects, light curves, stamps and classifications.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-screen font-sans">
        {/* The observer theme's image filter (globals.css): red = 0.8 × luminance, no green or blue. */}
        <svg aria-hidden="true" width="0" height="0" className="absolute">
          <filter id="observer-red" colorInterpolationFilters="sRGB">
            <feColorMatrix type="matrix" values="0.17 0.57 0.06 0 0  0 0 0 0 0  0 0 0 0 0  0 0 0 1 0" />
          </filter>
        </svg>
        <header className="border-b border-line bg-panel">
          <nav className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:gap-x-6" aria-label="Main">
            <Link href="/" className="inline-flex min-h-11 items-center text-lg font-semibold tracking-tight text-accent sm:min-h-0">
              Cielo
            </Link>
            {/* min-h-11 min-w-11: 44 × 44 px tap targets on phones */}
            <Link
              href="/"
              className="inline-flex min-h-11 min-w-11 items-center justify-center text-sm text-muted hover:text-ink sm:min-h-0 sm:min-w-0"
            >
              Explorer
            </Link>
            <Link
              href="/sn-hunter"
              className="inline-flex min-h-11 min-w-11 items-center justify-center whitespace-nowrap text-sm text-muted hover:text-ink sm:min-h-0 sm:min-w-0"
            >
              SN Hunter
            </Link>
            <Link
              href="/streams"
              className="inline-flex min-h-11 min-w-11 items-center justify-center text-sm text-muted hover:text-ink sm:min-h-0 sm:min-w-0"
            >
              Streams
            </Link>
            <Link
              href="/live"
              className="inline-flex min-h-11 min-w-11 items-center justify-center text-sm text-muted hover:text-ink sm:min-h-0 sm:min-w-0"
            >
              Live
            </Link>
            <Link
              href="/api-docs"
              className="inline-flex min-h-11 min-w-11 items-center justify-center text-sm text-muted hover:text-ink sm:min-h-0 sm:min-w-0"
            >
              API
            </Link>
            <ThemeSwitcher initialTheme={theme} />
          </nav>
        </header>
        <main className="mx-auto max-w-6xl px-4 py-6">
          <QueryProvider>{children}</QueryProvider>
        </main>
      </body>
    </html>
  );
}
