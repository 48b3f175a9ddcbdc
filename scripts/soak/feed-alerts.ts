// The soak's alert feeder as a process of its own (spawned by scripts/soak.ts), so that making the
// alerts (Avro encoding, ~1–2 ms of CPU each) never stalls the soak's HTTP clients and timers.
// Arguments: --inbox, --rate, --seed, --sample-stride. Writes one JSON line per file fed
// ({"oids": the sampled object ids, "landedAtMs", "fed"}) and, after SIGTERM, {"done": true, ...}.
import path from "node:path";
import { parseArgs } from "node:util";
import { type AlertSourceFile, readAlertSource } from "../../lib/ingest/alert-sources";
import { AlertFeeder } from "./alert-feeder";

const { values } = parseArgs({
  options: {
    inbox: { type: "string" },
    rate: { type: "string", default: "250" },
    seed: { type: "string", default: "1" },
    "sample-stride": { type: "string", default: "25" },
  },
});
if (!values.inbox) throw new Error("--inbox is required");
const stride = Math.max(1, Number(values["sample-stride"]));

const templates: AlertSourceFile[] = [];
for await (const file of readAlertSource(path.resolve("fixtures/alerts/night-2018-11-29"))) templates.push(file);
const feeder = new AlertFeeder({
  inboxDir: values.inbox,
  templates,
  alertsPerSecond: Number(values.rate),
  tickMs: 1000,
  seed: Number(values.seed),
  onTick: ({ oids, landedAtMs }) => {
    process.stdout.write(JSON.stringify({ oids: oids.filter((_, i) => i % stride === 0), landedAtMs, fed: feeder.alertsFed }) + "\n");
  },
});
process.once("SIGTERM", () => {
  feeder.stop();
  void feeder.idle().then(() => {
    process.stdout.write(JSON.stringify({ done: true, fed: feeder.alertsFed, lateTicks: feeder.ticksLate }) + "\n", () => process.exit(0));
  });
});
// Never outlive the soak: its end closes the pipe, and a killed soak leaves this process to init.
const parent = process.ppid;
process.stdout.on("error", () => process.exit(0));
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 1000).unref();
feeder.start();
process.stdout.write(JSON.stringify({ started: true, templates: templates.length }) + "\n");
