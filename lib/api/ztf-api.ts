// Handlers of ALeRCE's ZTF API v1 (alerts-api) on Cielo's database. Route files under
// app/api/ztf/v1/ bind them; tests call them with a pool of their own.
import { searchObjects, searchObjectsParamsSchema } from "../objects/search-objects";
import { parseParams } from "./api-errors";
import { getApiPool } from "./api-db";
import type { ApiRequest, ApiResult } from "./api-handler";
import type { SqlClient } from "./sql-client";

export async function handleListObjects(req: ApiRequest<unknown>, client: SqlClient = getApiPool()): Promise<ApiResult> {
  const params = parseParams(searchObjectsParamsSchema, req.query);
  return { json: await searchObjects(client, params) };
}

