import { apiRoute } from "@/lib/api/api-handler";
import { handleGetAvro } from "@/lib/api/avro-service";
import { corsPreflightResponse } from "@/lib/api/cors";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** ?oid=&candid=: the alert as a single-record Avro file under its writer schema, cutouts included. */
export const GET = apiRoute((req) => handleGetAvro(getDb().readPool, req), { etag: true });
export const OPTIONS = corsPreflightResponse;
