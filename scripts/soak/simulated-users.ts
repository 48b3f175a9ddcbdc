// Simulated Explorer users for the soak: each loads an object page (the whole streamed HTML), then
// the object and its light curve from the public API, now and then the object list, with a think
// time between requests. Each user sends its own X-Forwarded-For (the soak's server trusts one proxy
// hop), so each has its own rate-limit bucket, as behind a reverse proxy.
export type RequestKind = "object_page" | "search_page" | "api_object" | "api_lightcurve" | "api_list";

export interface RequestRecord {
  kind: RequestKind;
  status: number;
  ms: number;
  atMs: number;
  /** Why there was no HTTP answer (status 0): the error's code or name. */
  failure?: string;
  /** Connection resets before an answer, retried once as a browser does (0 or 1). */
  resetsRetried: number;
}

export interface SimulatedUsersOptions {
  baseUrl: string;
  users: number;
  /** Object ids to visit (grows as synthetic alerts become visible). */
  pickOid: () => string | undefined;
  /** Mean pause between a user's requests. */
  thinkMs: number;
  onRequest: (record: RequestRecord) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A kept-alive connection the server closed just as it was reused: browsers send the GET again. */
const STALE_CONNECTION = new Set(["ECONNRESET", "UND_ERR_SOCKET"]);

async function timedGet(baseUrl: string, path: string, kind: RequestKind, clientIp: string): Promise<RequestRecord> {
  const started = performance.now();
  const atMs = Date.now();
  let resetsRetried = 0;
  for (;;) {
    try {
      const response = await fetch(`${baseUrl}${path}`, {
        headers: { "x-forwarded-for": clientIp, accept: kind.endsWith("_page") ? "text/html" : "application/json" },
        signal: AbortSignal.timeout(120_000),
      });
      await response.arrayBuffer(); // the whole body: a streamed page is loaded when its last section arrived
      return { kind, status: response.status, ms: performance.now() - started, atMs, resetsRetried };
    } catch (error) {
      const failure = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      if (STALE_CONNECTION.has(failure) && resetsRetried === 0) {
        resetsRetried += 1;
        continue;
      }
      // No answer at all (reset twice, refused, 120 s timeout): counted apart from HTTP statuses.
      return { kind, status: 0, ms: performance.now() - started, atMs, failure, resetsRetried };
    }
  }
}

export class SimulatedUsers {
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(private readonly options: SimulatedUsersOptions) {}

  start(): void {
    this.running = true;
    this.loops = Array.from({ length: this.options.users }, (_, i) => this.userLoop(`10.77.${Math.floor(i / 250)}.${(i % 250) + 1}`, i));
  }

  /** Stops after each user's request in progress. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async userLoop(clientIp: string, index: number): Promise<void> {
    const { baseUrl, pickOid, thinkMs, onRequest } = this.options;
    const think = () => sleep(thinkMs * (0.5 + Math.random()));
    // Users start spread over one think time, not all at once.
    await sleep((thinkMs * index) / this.options.users);
    for (let round = 0; this.running; round++) {
      const oid = pickOid();
      if (!oid) {
        await think();
        continue;
      }
      const steps: [string, RequestKind][] = [
        [`/object/${oid}`, "object_page"],
        [`/api/ztf/v1/objects/${oid}`, "api_object"],
        [`/api/ztf/v1/objects/${oid}/lightcurve`, "api_lightcurve"],
      ];
      if (round % 3 === 2) steps.push(["/api/ztf/v1/objects?order_by=lastmjd&order_mode=DESC&page_size=20", "api_list"]);
      if (round % 5 === 4) steps.push(["/?page_size=20", "search_page"]);
      for (const [path, kind] of steps) {
        if (!this.running) return;
        onRequest(await timedGet(baseUrl, path, kind, clientIp));
        await think();
      }
    }
  }
}
