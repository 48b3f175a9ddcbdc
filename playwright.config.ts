import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.CIELO_E2E_PORT ?? 3100);
const chromium = process.env.CIELO_CHROMIUM ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 60_000,
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined } },
    // Pages on a phone; the API/database checks need no second run.
    { name: "phone", use: { ...devices["Pixel 7"], channel: undefined }, testIgnore: ["health.spec.ts", "stamp-classification.spec.ts"] },
  ],
  // The production build against its own embedded cluster and a fresh database per run,
  // holding the bundled sample alerts: the same launcher as `npm start`.
  webServer: {
    command: "node --import tsx scripts/start.ts --ephemeral-database",
    url: `http://localhost:${PORT}/`,
    timeout: 600_000, // `next build` on a busy 2-core machine can take over 5 minutes
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 30_000 },
    env: {
      PORT: String(PORT),
      CIELO_DATA_DIR: ".data/e2e",
      CIELO_EMBEDDED_PG_PORT: process.env.CIELO_E2E_PG_PORT ?? "54331",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: "",
      // The SN Hunter specs sign up this account as the admin (docs/decisions/0019).
      CIELO_ADMIN_EMAIL: "admin@example.org",
    },
  },
});
