"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import type { LiveAlert, LiveLatency } from "@/lib/live/live-alerts";

interface WorkerLag {
  id: string;
  kind: string;
  running: boolean;
  lagS: number | null;
  heartbeatAgeS: number;
}

interface Props {
  initialAlerts: LiveAlert[];
  initialLatency: LiveLatency;
  workers: WorkerLag[];
}

/** Rows kept on the page. */
const MAX_ROWS = 100;
/** How often the rolling percentiles and the sparkline are re-read. */
const LATENCY_REFRESH_MS = 5000;

const ms = (v: number | null) => (v === null ? "–" : v < 10_000 ? `${v} ms` : `${(v / 1000).toFixed(1)} s`);
const time = (iso: string | null) => (iso ? iso.slice(11, 23) : "–");
const delta = (from: string, to: string | null) => (to ? `${Date.parse(to) - Date.parse(from)} ms` : "–");

function Sparkline({ values }: { values: number[] }) {
  const max = Math.max(1, ...values);
  const width = 240;
  const height = 40;
  const points = values
    .map((v, i) => `${((i / Math.max(1, values.length - 1)) * width).toFixed(1)},${(height - (v / max) * height).toFixed(1)}`)
    .join(" ");
  return (
    <svg
      width={width}
      height={height}
      role="img"
      aria-label={`alerts per second over the last ${values.length} s, peak ${max}`}
      className="text-accent"
    >
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.5" />
    </svg>
  );
}

/** /live: alerts as their batches commit (server-sent events), their three times, rolling latencies and worker lag. */
export function LiveDashboard({ initialAlerts, initialLatency, workers }: Props) {
  const [alerts, setAlerts] = useState(initialAlerts);
  const [latency, setLatency] = useState(initialLatency);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const source = new EventSource("/api/live/events");
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener("alerts", (event) => {
      const fresh = JSON.parse((event as MessageEvent<string>).data) as LiveAlert[];
      setAlerts((current) => [...fresh.reverse(), ...current].slice(0, MAX_ROWS));
    });
    return () => source.close();
  }, []);

  useEffect(() => {
    const timer = setInterval(() => {
      void fetch("/api/live/latency", { cache: "no-store" })
        .then((r) => (r.ok ? (r.json() as Promise<LiveLatency>) : null))
        .then((l) => l && setLatency(l))
        .catch(() => undefined);
    }, LATENCY_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  return (
    <div className="space-y-6">
      <section className="grid gap-4 sm:grid-cols-4" aria-label="Latency over the last hour">
        <div>
          <p className="text-sm text-muted">alert → visible p50 / p95</p>
          <p className="font-mono text-lg" data-testid="visible-latency">
            {ms(latency.visible_p50_ms)} / {ms(latency.visible_p95_ms)}
          </p>
        </div>
        <div>
          <p className="text-sm text-muted">alert → classified p50 / p95</p>
          <p className="font-mono text-lg" data-testid="classified-latency">
            {ms(latency.classified_p50_ms)} / {ms(latency.classified_p95_ms)}
          </p>
        </div>
        <div>
          <p className="text-sm text-muted">alerts in the last hour</p>
          <p className="font-mono text-lg">{latency.alerts}</p>
        </div>
        <div>
          <p className="text-sm text-muted">alerts/s, last {latency.alerts_per_s.length} s</p>
          <Sparkline values={latency.alerts_per_s} />
        </div>
      </section>
      <section aria-label="Workers">
        <h2 className="text-lg font-semibold">Workers</h2>
        <ul className="text-sm">
          {workers.map((w) => (
            <li key={w.id}>
              {w.kind} · {w.running ? "running" : "stopped"} · lag {w.lagS === null ? "–" : `${w.lagS} s`} · heartbeat {w.heartbeatAgeS} s
              ago
            </li>
          ))}
          {workers.length === 0 && <li className="text-muted">No worker has reported.</li>}
        </ul>
      </section>
      <section aria-label="Arriving alerts">
        <h2 className="text-lg font-semibold">
          Arriving alerts <span className="text-sm font-normal text-muted">{connected ? "(live)" : "(connecting…)"}</span>
        </h2>
        <table className="w-full text-sm" data-testid="live-alerts">
          <thead>
            <tr className="text-left text-muted">
              <th className="py-1">Object</th>
              <th>candid</th>
              <th>alert (UTC)</th>
              <th>ingested</th>
              <th>classified</th>
              <th>class</th>
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => (
              <tr key={a.candid} className="border-t border-line" data-candid={a.candid}>
                <td className="py-1">
                  <Link className="font-mono text-accent underline" href={`/object/${a.oid}`}>
                    {a.oid}
                  </Link>
                </td>
                <td className="font-mono">{a.candid}</td>
                <td className="font-mono">{time(a.alertAt)}</td>
                <td className="font-mono">+{delta(a.alertAt, a.ingestedAt)}</td>
                <td className="font-mono">{a.classifiedAt ? `+${delta(a.alertAt, a.classifiedAt)}` : "–"}</td>
                <td>{a.className ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
