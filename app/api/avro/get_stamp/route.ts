import { apiRoute } from "@/lib/api/api-handler";
import { handleGetStamp } from "@/lib/api/avro-service";
import { corsPreflightResponse } from "@/lib/api/cors";
import { getDb } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** ?oid=&candid=&type=science|template|difference&format=png|fits (ALeRCE's avro service): one stamp, FITS gzipped as the alert carried it or a PNG. */
export const GET = apiRoute((req) => handleGetStamp(getDb().readPool, req), { etag: true });
export const OPTIONS = corsPreflightResponse;
