import { getEnv } from "../server/env";
import { createLogger } from "../server/logger";
import { appDbWaiting, installLoadShedding, LoadShedder, type ShedReason } from "./load-shedding";

/** A warning at most this often while requests are being refused. */
const SHED_LOG_INTERVAL_MS = 10_000;

/** The app's load shedder, with the bounds of the environment (CIELO_SHED_*); called by instrumentation.ts. */
export function startLoadShedding(): LoadShedder {
  const env = getEnv();
  const log = createLogger("load");
  let lastLogMs = 0;
  let loggedTotal = 0;
  return installLoadShedding(
    new LoadShedder({
      maxInFlight: env.CIELO_SHED_MAX_IN_FLIGHT,
      maxDbWaiting: env.CIELO_SHED_MAX_DB_WAITING,
      dbWaiting: appDbWaiting,
      onShed: (reason: ShedReason, shed) => {
        const now = Date.now();
        if (now - lastLogMs < SHED_LOG_INTERVAL_MS) return;
        const total = shed.in_flight + shed.db_waiting;
        log.warn(
          { reason, refusedSinceLastLog: total - loggedTotal, refusedTotal: { ...shed }, dbWaiting: appDbWaiting() },
          "overloaded: answering 503",
        );
        lastLogMs = now;
        loggedTotal = total;
      },
    }),
  );
}
