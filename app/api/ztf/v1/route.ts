import { apiRoute } from "@/lib/api/api-handler";
import { corsPreflightResponse } from "@/lib/api/cors";

export const dynamic = "force-dynamic";

/** The API root: where its reference is (ALeRCE serves its Swagger UI here). */
export const GET = apiRoute(async () => ({
  json: { title: "Cielo — ALeRCE ZTF API v1 compatible", version: "1.0.0", openapi: "/api/openapi.json", docs: "/api-docs" },
  cacheControl: "public, max-age=300",
}));
export const OPTIONS = corsPreflightResponse;
