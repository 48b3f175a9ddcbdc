import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";
import { handleGetStampSaliency } from "@/lib/api/stamp-saliency-api";

export const dynamic = "force-dynamic";

/** GET /api/objects/{oid}/stamp-saliency/{kind}?candid=: occlusion saliency of one stamp (PNG). */
export const GET = apiRoute<{ oid: string; kind: string }>((req) => handleGetStampSaliency(req), { etag: true });
export const OPTIONS = corsPreflightResponse;
