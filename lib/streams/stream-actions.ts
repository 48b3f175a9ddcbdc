// The server actions of users' streams (through defineAction: session, CSRF, zod, error policy).
import { z } from "zod";
import { defineAction, requireUser } from "../auth/define-action";
import { AppError } from "../errors/app-error";
import { createLogger } from "../server/logger";
import { createWatchlist } from "./create-watchlist";
import { createDestination, createDestinationInputSchema } from "./delivery/create-destination";
import { parseWatchlistCsv, DEFAULT_WATCHLIST_RADIUS_ARCSEC, MAX_WATCHLIST_RADIUS_ARCSEC } from "./parse-watchlist-csv";
import { runFilterReplay, startFilterReplay } from "./replay-filter";
import { saveFilter, saveFilterInputSchema } from "./save-filter";

export const saveFilterAction = defineAction({
  name: "saveFilter",
  input: saveFilterInputSchema,
  access: "signed-in",
  handler: async (input, ctx) => ({ id: await saveFilter(ctx.db.pool, requireUser(ctx).id, input) }),
});

/** A CSV of up to 100 000 rows is a few MB: the text travels in the action's body (next.config's bodySizeLimit). */
const MAX_CSV_CHARS = 12_000_000;

export const createWatchlistAction = defineAction({
  name: "createWatchlist",
  input: z.object({
    name: z.string().trim().min(1, { error: "give the watchlist a name" }).max(100),
    public: z.boolean().default(false),
    defaultRadiusArcsec: z.number().gt(0).max(MAX_WATCHLIST_RADIUS_ARCSEC).default(DEFAULT_WATCHLIST_RADIUS_ARCSEC),
    csv: z.string().min(1, { error: "choose a CSV file" }).max(MAX_CSV_CHARS, { error: "the file is too large (12 MB at most)" }),
  }),
  access: "signed-in",
  handler: async (input, ctx) => {
    const user = requireUser(ctx);
    const parsed = parseWatchlistCsv(input.csv, { defaultRadiusArcsec: input.defaultRadiusArcsec });
    if (!parsed.ok) {
      const errors = Object.fromEntries(parsed.errors.map((e) => [`line ${e.line}`, e.message]));
      throw new AppError(
        "bad_request",
        `${parsed.errorCount} row${parsed.errorCount === 1 ? "" : "s"} of the file cannot be read; nothing was stored.`,
        {
          errors,
        },
      );
    }
    const id = await createWatchlist(ctx.db.pool, { ownerId: user.id, name: input.name, public: input.public, targets: parsed.targets });
    return { id, targets: parsed.targets.length };
  },
});

let replayLog: ReturnType<typeof createLogger> | undefined;

export const startFilterReplayAction = defineAction({
  name: "startFilterReplay",
  input: z.object({ filterId: z.uuid(), fromMjd: z.number().finite(), toMjd: z.number().finite() }),
  access: "signed-in",
  handler: async (input, ctx) => {
    const user = requireUser(ctx);
    const { rows } = await ctx.db.pool.query("SELECT 1 FROM stream_filter WHERE id = $1 AND owner_id = $2", [input.filterId, user.id]);
    if (rows.length === 0) throw new AppError("not_found", "No such filter of yours.");
    const replayId = await startFilterReplay(ctx.db.pool, input.filterId, input.fromMjd, input.toMjd);
    // Runs on in this process after the action answers; the filter page shows its progress.
    void runFilterReplay(ctx.db.pool, replayId, (replayLog ??= createLogger("filter-replay")));
    return { replayId };
  },
});

export const createDestinationAction = defineAction({
  name: "createDestination",
  input: createDestinationInputSchema,
  access: "signed-in",
  handler: (input, ctx) => createDestination(ctx.db.pool, requireUser(ctx).id, input),
});
