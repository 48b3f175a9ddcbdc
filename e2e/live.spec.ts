import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { type AlertSourceFile, readAlertSource } from "../lib/ingest/alert-sources";
import { syntheticAlerts } from "../lib/ingest/synthetic-alerts";
import { e2eDatabaseUrl } from "./e2e-database";

/** The e2e server's inbox worker watches this folder (CIELO_DATA_DIR=.data/e2e). */
const INBOX = path.resolve(".data/e2e/inbox");

test("/live shows a replayed alert within 2 s of its commit", async ({ page }) => {
  await page.goto("/live");
  await expect(page.getByText("(live)")).toBeVisible({ timeout: 20_000 });

  // A new alert (a synthetic copy of a real one, new candid and objectId) dropped into the inbox.
  const templates: AlertSourceFile[] = [];
  for await (const file of readAlertSource(path.resolve("fixtures/alerts/night-2018-11-29"))) {
    templates.push(file);
    break;
  }
  // One alert per project (desktop, phone) on the same server: the i-th synthetic alert, unique candid.
  const index = test.info().config.projects.findIndex((p) => p.name === test.info().project.name);
  const alert = [...syntheticAlerts(templates, index + 1)].at(-1);
  const candid = path.basename(alert!.name, ".avro").split("_")[1]!;
  fs.mkdirSync(INBOX, { recursive: true });
  fs.writeFileSync(path.join(INBOX, `${candid}.avro.part`), alert!.bytes);
  fs.renameSync(path.join(INBOX, `${candid}.avro.part`), path.join(INBOX, `${candid}.avro`));

  const row = page.locator(`[data-candid="${candid}"]`);
  await expect(row).toBeVisible({ timeout: 60_000 });
  const seenAt = Date.now();
  const client = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ ingested_at: Date }>("SELECT ingested_at FROM alert_packet WHERE candid = $1", [candid]);
    // ingested_at is the batch's write, a little before its commit: the bound holds for the commit too.
    expect(seenAt - rows[0]!.ingested_at.getTime()).toBeLessThan(2000);
  } finally {
    await client.end();
  }
});
