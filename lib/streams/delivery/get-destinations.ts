import { z } from "zod";
import { queryRows } from "../../db/query-rows";
import type { Sql } from "../../db/sql";

export const destinationSummarySchema = z
  .object({
    id: z.string(),
    kind: z.enum(["webhook", "kafka"]),
    target: z.string(),
    pending: z.number().int(),
    delivered: z.number().int(),
    dead: z.number().int(),
  })
  .strict();
export type DestinationSummary = z.infer<typeof destinationSummarySchema>;

export const deadLetterSchema = z
  .object({ destinationId: z.string(), candid: z.string(), oid: z.string(), attempts: z.number().int(), lastError: z.string().nullable() })
  .strict();
export type DeadLetter = z.infer<typeof deadLetterSchema>;

/** The destinations of a filter or watchlist with their delivery counts, and the newest 50 dead letters. */
export async function getDestinations(
  sql: Sql,
  stream: { kind: "filter" | "watchlist"; id: string },
): Promise<{ destinations: DestinationSummary[]; deadLetters: DeadLetter[] }> {
  const column = stream.kind === "filter" ? "filter_id" : "watchlist_id";
  const [destinations, deadLetters] = await Promise.all([
    queryRows<DestinationSummary>(
      sql,
      `select s.id::text as id, s.kind, s.target,
              count(*) filter (where d.status = 'pending')::int as pending,
              count(*) filter (where d.status = 'delivered')::int as delivered,
              count(*) filter (where d.status = 'dead')::int as dead
         from stream_destination s left join delivery d on d.destination_id = s.id
        where s.${column} = $1::uuid group by s.id order by s.created_at`,
      [stream.id],
    ),
    queryRows<DeadLetter>(
      sql,
      `select d.destination_id::text as "destinationId", d.candid::text as candid, d.oid, d.attempts, d.last_error as "lastError"
         from delivery d join stream_destination s on s.id = d.destination_id
        where s.${column} = $1::uuid and d.status = 'dead' order by d.created_at desc limit 50`,
      [stream.id],
    ),
  ]);
  return { destinations, deadLetters };
}
