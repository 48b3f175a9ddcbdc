import { defineConfig } from "prisma/config";

// The Prisma CLI is only used here for `prisma generate`. Migrations are generated and applied
// with the WebAssembly schema engine (scripts/db-diff.ts, lib/server/migrate.ts): the CLI's
// native engine is downloaded from outside the npm registry, see docs/decisions/0002.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
