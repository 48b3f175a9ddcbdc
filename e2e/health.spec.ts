import { expect, test } from "@playwright/test";

test("the health endpoint reports counts, ingestion latency and a running inbox worker", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const health = (await response.json()) as {
    status: string;
    counts: { objects: number; alerts: number; detections: number; quarantine: number };
    ingest_latency_p50_ms: number | null;
    workers: { kind: string; running: boolean; backlog: number | null }[];
  };
  expect(health.status).toBe("ok");
  expect(health.counts.objects).toBeGreaterThan(400);
  expect(health.counts.alerts).toBeGreaterThanOrEqual(health.counts.objects);
  expect(health.counts.detections).toBeGreaterThan(health.counts.alerts);
  expect(health.ingest_latency_p50_ms).not.toBeNull();
  await expect
    .poll(async () =>
      ((await (await request.get("/api/health")).json()) as typeof health).workers.some((w) => w.kind === "inbox" && w.running),
    )
    .toBe(true);
});
