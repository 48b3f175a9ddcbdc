// The JSON a destination receives for one match: the alert, its object and Cielo's annotations
// (classifications, catalog counterparts, watched positions), the same for webhooks and Kafka.
import { z } from "zod";
import { queryRows } from "../../db/query-rows";
import type { Sql } from "../../db/sql";

export const ALERT_MESSAGE_SCHEMA = "cielo.stream.alert/1";

export const alertMessageSchema = z
  .object({
    schema: z.literal(ALERT_MESSAGE_SCHEMA),
    /** destination id + ":" + candid: the same for every retry of this delivery. */
    idempotency_key: z.string(),
    stream: z.object({ kind: z.enum(["filter", "watchlist"]), id: z.string(), name: z.string() }).strict(),
    alert: z
      .object({
        oid: z.string(),
        candid: z.string().describe("decimal text: candids exceed 2^53"),
        mjd: z.number(),
        fid: z.number().int(),
        magpsf: z.number(),
        sigmapsf: z.number(),
        ra: z.number(),
        dec: z.number(),
        isdiffpos: z.number().int(),
        rb: z.number().nullable(),
        drb: z.number().nullable(),
      })
      .strict(),
    object: z
      .object({
        oid: z.string(),
        ndet: z.number().int(),
        firstmjd: z.number(),
        lastmjd: z.number(),
        meanra: z.number(),
        meandec: z.number(),
      })
      .strict()
      .nullable(),
    annotations: z
      .object({
        classifications: z.array(
          z
            .object({ classifier_name: z.string(), classifier_version: z.string(), class_name: z.string(), probability: z.number() })
            .strict(),
        ),
        xmatches: z.array(
          z.object({ catalog: z.string(), id: z.string(), dist_arcsec: z.number(), class: z.string().nullable() }).strict(),
        ),
        watchlist_targets: z.array(z.object({ name: z.string(), separation_arcsec: z.number() }).strict()),
      })
      .strict(),
  })
  .strict();
export type AlertMessage = z.infer<typeof alertMessageSchema>;

export interface MessageRequest {
  destinationId: string;
  candid: string;
  stream: AlertMessage["stream"];
}

/** Builds the message of one delivery from the database as it is now (annotations added since the match included). */
export async function buildAlertMessage(sql: Sql, request: MessageRequest): Promise<AlertMessage | null> {
  const [alert] = await queryRows<AlertMessage["alert"]>(
    sql,
    `select oid, candid::text as candid, mjd, fid, magpsf, sigmapsf, ra, dec, isdiffpos, rb, drb from detection where candid = $1::bigint`,
    [request.candid],
  );
  if (!alert) return null;
  const [objects, classifications, xmatches, targets] = await Promise.all([
    queryRows<NonNullable<AlertMessage["object"]>>(sql, "select oid, ndet, firstmjd, lastmjd, meanra, meandec from object where oid = $1", [
      alert.oid,
    ]),
    queryRows<AlertMessage["annotations"]["classifications"][number]>(
      sql,
      `select classifier_name, classifier_version, class_name, probability from probability where oid = $1 and ranking = 1
        order by classifier_name, classifier_version`,
      [alert.oid],
    ),
    queryRows<AlertMessage["annotations"]["xmatches"][number]>(
      sql,
      `select catid as catalog, oid_catalog as id, dist as dist_arcsec, class_catalog as class from xmatch where oid = $1 order by catid`,
      [alert.oid],
    ),
    request.stream.kind === "watchlist"
      ? queryRows<AlertMessage["annotations"]["watchlist_targets"][number]>(
          sql,
          `select t.name, m.separation_arcsec from watchlist_match m
             join watchlist_target t on t.watchlist_id = m.watchlist_id and t.target_id = m.target_id
            where m.watchlist_id = $1::uuid and m.candid = $2::bigint order by m.separation_arcsec`,
          [request.stream.id, request.candid],
        )
      : Promise.resolve([]),
  ]);
  return alertMessageSchema.parse({
    schema: ALERT_MESSAGE_SCHEMA,
    idempotency_key: idempotencyKey(request.destinationId, request.candid),
    stream: request.stream,
    alert,
    object: objects[0] ?? null,
    annotations: { classifications, xmatches, watchlist_targets: targets },
  });
}

export const idempotencyKey = (destinationId: string, candid: string): string => `${destinationId}:${candid}`;
