import type { Metadata } from "next";
import { LiveDashboard } from "@/components/live/live-dashboard";
import { getHealth } from "@/lib/health/get-health";
import { getLiveLatency, listRecentAlerts } from "@/lib/live/live-alerts";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Live" };

export default async function LivePage() {
  const db = getDb();
  const [alerts, latency, health] = await Promise.all([listRecentAlerts(db.readPool, 50), getLiveLatency(db.readPool), getHealth(db.pool)]);
  return (
    <main className="mx-auto max-w-6xl space-y-4 px-4 py-6">
      <h1 className="text-2xl font-semibold">Live</h1>
      <p className="text-sm text-muted">
        Alerts as their batches commit. Times: alert = read by a worker; ingested = visible in Cielo; classified = the object&apos;s first
        classification after that. Also in /api/health and /metrics (Prometheus).
      </p>
      <LiveDashboard
        initialAlerts={alerts}
        initialLatency={latency}
        workers={health.workers.map((w) => ({
          id: w.id,
          kind: w.kind,
          running: w.running,
          lagS: w.lag_s,
          heartbeatAgeS: w.heartbeat_age_s,
        }))}
      />
    </main>
  );
}
