import { CORS_HEADERS } from "@/lib/api/cors";
import { buildOpenApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-static";

/** The OpenAPI 3.1 document, generated from the routes' zod schemas. */
export function GET() {
  return Response.json(buildOpenApiDocument(), { headers: { ...CORS_HEADERS, "cache-control": "public, max-age=300" } });
}
