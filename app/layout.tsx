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
        <header className="border-b border-line bg-panel">
          <nav className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:gap-x-6" aria-label="Main">
            <Link href="/" className="text-lg font-semibold tracking-tight text-accent">
              Cielo
            </Link>
            <Link href="/" className="text-sm text-muted hover:text-ink">
              Explorer
            </Link>
            <Link href="/sn-hunter" className="whitespace-nowrap text-sm text-muted hover:text-ink">
              SN Hunter
            </Link>
            <Link href="/api-docs" className="text-sm text-muted hover:text-ink">
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
