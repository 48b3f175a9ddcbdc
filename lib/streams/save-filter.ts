import { z } from "zod";
import type { Sql } from "../db/sql";
import { filterDefinitionSchema } from "./filter-definition";

export const saveFilterInputSchema = z.object({
  name: z.string().trim().min(1, { error: "give the filter a name" }).max(100),
  description: z.string().trim().max(2000).default(""),
  public: z.boolean().default(false),
  definition: filterDefinitionSchema,
});
export type SaveFilterInput = z.output<typeof saveFilterInputSchema>;

/** Stores a new filter owned by `ownerId`; the ingest step runs it from the next batch on. */
export async function saveFilter(sql: Sql, ownerId: string, input: SaveFilterInput): Promise<string> {
  const { rows } = await sql.query<{ id: string }>(
    "INSERT INTO stream_filter (owner_id, name, description, public, definition) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    [ownerId, input.name, input.description, input.public, JSON.stringify(input.definition)],
  );
  return rows[0]!.id;
}
