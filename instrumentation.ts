/** Runs once when the Next server starts (Next's instrumentation hook). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { refuseTraceRequests } = await import("./lib/security/refuse-trace");
    refuseTraceRequests();
    const { startLoadShedding } = await import("./lib/http/start-load-shedding");
    startLoadShedding();
  }
}
