// `npm run bench:pages [-- --url http://localhost:3000 --loads 10 --phone]`: cold loads of sample
// object pages in Debian's chromium (Playwright), against a production build: the running server at
// --url, else one started here (scripts/start.ts --ephemeral-database: the bundled sample in a
// database of its own on CIELO_E2E_PG_PORT, served on CIELO_E2E_PORT, stopped at the end). Each
// load is a fresh browser context (empty cache); the first light-curve point is the page's own User
// Timing mark (e2e/object-page-timing.ts, shared with the e2e speed test). One unmeasured load first.
// Last line: one JSON object with first_point_ms_p50, first_point_ms_p95, cold_kb (median), loads.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, devices } from "@playwright/test";
import pg from "pg";
import { coldLoadObjectPage, percentile } from "../e2e/object-page-timing";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    loads: { type: "string", default: "10" },
    phone: { type: "boolean", default: false },
  },
});
const loads = Math.max(1, Number(values.loads));
const chromiumPath = process.env.CIELO_CHROMIUM ?? "/usr/bin/chromium";
const log = (line: string) => console.log(`[bench:pages] ${line}`);

async function startServer(): Promise<{ url: string; databaseUrl: string; stop: () => Promise<void> }> {
  const port = Number(process.env.CIELO_E2E_PORT ?? 3100);
  const dataDir = ".data/bench-pages";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--ephemeral-database"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      PORT: String(port),
      CIELO_DATA_DIR: dataDir,
      CIELO_EMBEDDED_PG_PORT: process.env.CIELO_E2E_PG_PORT ?? "54331",
      DATABASE_URL: "",
      NEXT_TELEMETRY_DISABLED: "1",
    },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      if (text.includes("Cielo is running")) resolve();
    });
    void exited.then(() => reject(new Error("the server exited before it was ready")));
  });
  const url = `http://localhost:${port}`;
  // next start answers a moment after the launcher's line.
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const databaseUrl = fs.readFileSync(path.join(dataDir, "ephemeral-database-url"), "utf8").trim();
  return {
    url,
    databaseUrl,
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** The sample objects with the most detections (heaviest light curves). */
async function heaviestOids(databaseUrl: string | null, baseUrl: string, n: number): Promise<string[]> {
  if (databaseUrl) {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query<{ oid: string }>("select oid from object order by ndet desc, oid limit $1", [n])).rows.map((r) => r.oid);
    } finally {
      await client.end();
    }
  }
  const response = await fetch(`${baseUrl}/api/ztf/v1/objects?order_by=ndet&order_mode=DESC&page_size=${n}`);
  const body = (await response.json()) as { items: { oid: string }[] };
  return body.items.map((o) => o.oid);
}

const server = values.url ? null : await startServer();
const baseUrl = values.url ?? server!.url;
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
});
try {
  const oids = await heaviestOids(server?.databaseUrl ?? null, baseUrl, Math.min(loads, 5));
  const device = values.phone ? devices["Pixel 7"] : devices["Desktop Chrome"];
  const contextOptions = {
    viewport: device.viewport,
    userAgent: device.userAgent,
    deviceScaleFactor: device.deviceScaleFactor,
    isMobile: device.isMobile,
    hasTouch: device.hasTouch,
  };
  log(`${baseUrl}, ${values.phone ? "phone" : "desktop"}, ${loads} cold loads over ${oids.join(", ")}`);
  await coldLoadObjectPage(browser, baseUrl, oids[0]!, { contextOptions });
  const results = [];
  for (let i = 0; i < loads; i++) {
    const result = await coldLoadObjectPage(browser, baseUrl, oids[i % oids.length]!, { contextOptions });
    log(
      `${result.oid}: first point ${result.firstPointMs} ms, ${result.transferKb} kB${result.aladinRequests.length ? ", aladin loaded!" : ""}`,
    );
    results.push(result);
  }
  const firstPoint = results.map((r) => r.firstPointMs);
  console.log(
    JSON.stringify({
      first_point_ms_p50: percentile(firstPoint, 50),
      first_point_ms_p95: percentile(firstPoint, 95),
      cold_kb: percentile(
        results.map((r) => r.transferKb),
        50,
      ),
      loads,
    }),
  );
} finally {
  await browser.close();
  await server?.stop();
}
