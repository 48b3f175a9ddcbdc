// Feeds synthetic alerts (lib/ingest/synthetic-alerts.ts: real ZTF alerts with new ids) into the
// inbox at a fixed rate: every tick, one uncompressed tar of that tick's alerts (one .avro per alert,
// as in ZTF's nightly tarballs), written beside the inbox and renamed into it, so the worker never
// sees half a file. The landing time of every alert is the rename's.
import fs from "node:fs";
import path from "node:path";
import tar from "tar-stream";
import type { AlertSourceFile } from "../../lib/ingest/alert-sources";
import { syntheticAlerts } from "../../lib/ingest/synthetic-alerts";

export interface FeedTick {
  /** Object ids of the alerts in this tick's file. */
  oids: string[];
  landedAtMs: number;
}

export interface AlertFeederOptions {
  inboxDir: string;
  templates: readonly AlertSourceFile[];
  alertsPerSecond: number;
  tickMs: number;
  /** Synthetic alert numbering seed (the sample's objects are real ZTF ids; synthetic ones start ZTF99). */
  seed: number;
  onTick: (tick: FeedTick) => void;
}

async function tarOf(files: readonly AlertSourceFile[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on("data", (chunk: unknown) => {
    if (Buffer.isBuffer(chunk)) chunks.push(chunk);
  });
  const ended = new Promise<void>((resolve, reject) => {
    pack.on("end", () => resolve());
    pack.on("error", reject);
  });
  for (const file of files) pack.entry({ name: path.basename(file.name), size: file.bytes.length }, Buffer.from(file.bytes));
  pack.finalize();
  await ended;
  return Buffer.concat(chunks);
}

/** The object id of a synthetic alert from its file name (`synthetic/<objectId>_<candid>.avro`). */
const oidOf = (file: AlertSourceFile) => path.basename(file.name).split("_")[0]!;

export class AlertFeeder {
  private fed = 0;
  private timer: NodeJS.Timeout | undefined;
  private startedMs = 0;
  private busy: Promise<void> | null = null;
  private lateTicks = 0;
  private readonly alerts: Generator<AlertSourceFile>;
  private readonly stagingDir: string;

  constructor(private readonly options: AlertFeederOptions) {
    // Enough for any run; the generator is lazy, so only what is fed is made.
    this.alerts = syntheticAlerts(options.templates, 100_000_000, options.seed);
    this.stagingDir = path.join(path.dirname(options.inboxDir), "soak-staging");
    fs.mkdirSync(this.stagingDir, { recursive: true });
    fs.mkdirSync(options.inboxDir, { recursive: true });
  }

  get alertsFed(): number {
    return this.fed;
  }

  /** Ticks whose file was still being made when the next was due (the feeder could not keep the rate). */
  get ticksLate(): number {
    return this.lateTicks;
  }

  start(): void {
    this.startedMs = Date.now();
    const tick = () => {
      if (this.busy) {
        this.lateTicks += 1;
        return;
      }
      this.busy = this.feedDue().finally(() => (this.busy = null));
    };
    this.timer = setInterval(tick, this.options.tickMs);
    tick();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Resolves when the file being made (if any) is in the inbox. */
  async idle(): Promise<void> {
    await this.busy;
  }

  /** Writes the alerts due by now (rate × elapsed), catching up after a slow tick. */
  private async feedDue(): Promise<void> {
    const due =
      Math.floor(((Date.now() - this.startedMs) / 1000) * this.options.alertsPerSecond) +
      this.options.alertsPerSecond * (this.options.tickMs / 1000);
    // Behind (making alerts is slower than the rate): catch up, but at most 5 s worth per file.
    const n = Math.min(Math.max(0, Math.round(due) - this.fed), this.options.alertsPerSecond * 5);
    if (n === 0) return;
    const files: AlertSourceFile[] = [];
    for (let i = 0; i < n; i++) files.push(this.alerts.next().value as AlertSourceFile);
    const bytes = await tarOf(files);
    const name = `soak-${Date.now()}-${this.fed}.tar`;
    const staged = path.join(this.stagingDir, name);
    await fs.promises.writeFile(staged, bytes);
    await fs.promises.rename(staged, path.join(this.options.inboxDir, name));
    this.fed += n;
    this.options.onTick({ oids: files.map(oidOf), landedAtMs: Date.now() });
  }
}
