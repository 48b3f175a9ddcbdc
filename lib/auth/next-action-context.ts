import { cookies, headers } from "next/headers";
import { getDb } from "../server/db";
import { getEnv } from "../server/env";
import { clientIpOf } from "./client-ip";
import type { ActionContext } from "./define-action";
import { cookiesCanBeSecure } from "./secure-cookies";

/** The request's cookies, client address and database, for the action wrapper (server actions only). */
export async function nextActionContext(): Promise<ActionContext> {
  const [jar, h] = await Promise.all([cookies(), headers()]);
  const env = getEnv();
  return {
    db: getDb(),
    cookies: {
      get: (name) => jar.get(name)?.value,
      set: (name, value, options) => jar.set(name, value, options),
      delete: (name) => jar.delete(name),
    },
    clientIp: clientIpOf(h, env.CIELO_TRUSTED_PROXY_HOPS),
    secureCookies: cookiesCanBeSecure(h.get("x-forwarded-proto"), h.get("host")),
    requestId: h.get("x-request-id") ?? undefined,
  };
}
