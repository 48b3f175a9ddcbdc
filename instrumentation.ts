/** Runs once when the Next server starts (Next's instrumentation hook). */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { refuseTraceRequests } = await import("./lib/security/refuse-trace");
    refuseTraceRequests();
    // 414/431 with a short body and a clean close for an over-long address or headers (not a reset).
    const { answerOversizedRequests } = await import("./lib/security/oversized-requests");
    answerOversizedRequests();
    // The TCP peer's address for the rate limits when no trusted proxy writes X-Forwarded-For.
    const { recordPeerAddresses } = await import("./lib/security/peer-address");
    recordPeerAddresses();
    // 503 + Retry-After while PostgreSQL is away, instead of 500s (docs/operations.md).
    const { installDatabaseOutageGuard } = await import("./lib/http/outage-guard");
    const { getDb } = await import("./lib/server/db");
    installDatabaseOutageGuard(() => getDb().readPool.query("select 1"));
    const { startLoadShedding } = await import("./lib/http/start-load-shedding");
    startLoadShedding();
    // "Why this class" loads the light-curve model's forests lazily on its first explanation
    // (lib/explanations/lc-explanation.ts), so nothing here holds the server's start.
  }
}
