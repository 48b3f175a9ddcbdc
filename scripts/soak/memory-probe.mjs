// Preloaded by the soak into its server's node processes (NODE_OPTIONS=--import …, with
// CIELO_SOAK_MEMORY_DIR set): every 10 s one JSON line in <dir>/<pid>.jsonl with the process's
// RSS, V8 heap (total, used), external memory and ArrayBuffers, MB, and the heap used right after
// the latest full (mark-compact) collection: the live heap. A heap that only swings between
// collections keeps that figure flat; a leak makes it climb. Without CIELO_SOAK_MEMORY_DIR it does nothing.
import fs from "node:fs";
import path from "node:path";
import { constants, PerformanceObserver } from "node:perf_hooks";

const dir = process.env.CIELO_SOAK_MEMORY_DIR;
if (dir && fs.existsSync(dir)) {
  const file = path.join(dir, `${process.pid}.jsonl`);
  const mb = (bytes) => Math.round((bytes / 1048576) * 10) / 10;
  let liveAfterFullGcMb = null;
  let fullGcs = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        fullGcs += 1;
        liveAfterFullGcMb = mb(process.memoryUsage().heapUsed);
      }
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    const line = {
      atMs: Date.now(),
      rssMb: mb(m.rss),
      heapTotalMb: mb(m.heapTotal),
      heapUsedMb: mb(m.heapUsed),
      externalMb: mb(m.external),
      arrayBuffersMb: mb(m.arrayBuffers),
      liveAfterFullGcMb,
      fullGcs,
    };
    try {
      fs.appendFileSync(file, JSON.stringify(line) + "\n");
    } catch {
      // the soak removed its folder: stop writing
      clearInterval(timer);
    }
  }, 10_000);
  timer.unref();
}
