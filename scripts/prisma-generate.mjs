// `prisma generate` only needs the schema engine's *path* to exist (it never runs it), but the
// engine is downloaded from outside the npm registry, which this project cannot rely on. Point the
// variable at this file so generation works offline. See docs/decisions/0002-prisma-wasm-migrations.md.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const result = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
