import { z } from "zod";
import type { Sql } from "../../db/sql";
import { AppError } from "../../errors/app-error";
import { newWebhookSecret } from "./webhook-signature";

const loopback = (host: string) => host === "localhost" || host === "127.0.0.1" || host === "[::1]";

export const createDestinationInputSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("webhook"),
    streamKind: z.enum(["filter", "watchlist"]),
    streamId: z.uuid(),
    target: z
      .url({ error: "a URL" })
      .max(2000)
      .refine(
        (u) => {
          const url = new URL(u);
          return url.protocol === "https:" || (url.protocol === "http:" && loopback(url.hostname));
        },
        { error: "an https:// URL (http:// only to localhost)" },
      ),
  }),
  z.object({
    kind: z.literal("kafka"),
    streamKind: z.enum(["filter", "watchlist"]),
    streamId: z.uuid(),
    target: z.string().regex(/^[A-Za-z0-9._-]{1,249}$/, { error: "a Kafka topic name (letters, digits, . _ -)" }),
  }),
]);
export type CreateDestinationInput = z.output<typeof createDestinationInputSchema>;

/** Adds a destination to a filter or watchlist of `ownerId`; a webhook gets a new signing secret (returned once). */
export async function createDestination(
  sql: Sql,
  ownerId: string,
  input: CreateDestinationInput,
): Promise<{ id: string; secret: string | null }> {
  const table = input.streamKind === "filter" ? "stream_filter" : "watchlist";
  const owned = await sql.query(`SELECT 1 FROM ${table} WHERE id = $1 AND owner_id = $2`, [input.streamId, ownerId]);
  if (owned.rowCount === 0) throw new AppError("not_found", `No such ${input.streamKind} of yours.`);
  const secret = input.kind === "webhook" ? newWebhookSecret() : null;
  const { rows } = await sql.query<{ id: string }>(
    `INSERT INTO stream_destination (owner_id, filter_id, watchlist_id, kind, target, secret) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      ownerId,
      input.streamKind === "filter" ? input.streamId : null,
      input.streamKind === "watchlist" ? input.streamId : null,
      input.kind,
      input.target,
      secret,
    ],
  );
  return { id: rows[0]!.id, secret };
}
