import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleGetExplanation } from "@/lib/api/explanation-api";

export const dynamic = "force-dynamic";

/** GET /api/objects/{oid}/explanation: why the light-curve classifier chose its class. */
export const GET = apiRoute<{ oid: string }>((req) => handleGetExplanation(req), { etag: true });
export const OPTIONS = corsPreflightResponse;
