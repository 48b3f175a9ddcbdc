// The layering rules of eslint.config.mjs (ADR 0017) fail on deliberate violations: each snippet
// is linted as if it were the named file, with the repository's own ESLint configuration.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "..") });

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "no-restricted-syntax")
    .map((m) => m.message);
}

describe("layering lint rules", () => {
  it.each([
    [
      "lib/ imports app/",
      "lib/x/bad.ts",
      'import { API_ROUTE_MODULES } from "@/app/api/routes";\nexport const routes = API_ROUTE_MODULES;',
    ],
    ["lib/ imports components/", "lib/x/bad.ts", 'import { SkyMap } from "../../components/sky/sky-map";\nexport const map = SkyMap;'],
    ["lib/ re-exports workers/", "lib/x/y/bad.ts", 'export { main } from "../../../workers/ingest-worker";'],
    [
      "lib/ imports training/",
      "lib/x/bad.ts",
      'import { evaluateStampModel } from "@/training/stamp/evaluate-stamp-model";\nexport const e = evaluateStampModel;',
    ],
    [
      "lib/ type-imports scripts/",
      "lib/x/bad.ts",
      'import type { ImportEdge } from "../../scripts/check-import-graph";\nexport type E = ImportEdge;',
    ],
    [
      "runtime lib/ imports tests/support",
      "lib/x/bad.ts",
      'import { createTestDatabase } from "../../tests/support/test-database";\nexport const c = createTestDatabase;',
    ],
    ["lib/ imports a computed specifier", "lib/x/bad.ts", "export async function load(file: string) {\n  return import(file);\n}"],
    ["a lib/ test imports scripts/", "lib/x/bad.test.ts", 'import { main } from "../../scripts/train-lc";\nexport const m = main;'],
    [
      "components/ import a server action from app/",
      "components/x/bad.tsx",
      'import { setVote } from "@/app/sn-hunter/actions/set-vote";\nexport const s = setVote;',
    ],
    ["components/ import lib/server", "components/x/bad.tsx", 'import { getDb } from "@/lib/server/db";\nexport const d = getDb;'],
    [
      "components/ import lib/db",
      "components/x/bad.tsx",
      'import { withTransaction } from "../../lib/db/sql";\nexport const w = withTransaction;',
    ],
    [
      "components/ import the Prisma client types",
      "components/x/bad.tsx",
      'import type { PrismaClient } from "@/lib/generated/prisma/client";\nexport type P = PrismaClient;',
    ],
    ["components/ import pg", "components/x/bad.tsx", 'import pg from "pg";\nexport const p = pg;'],
    [
      "workers/ import app/",
      "workers/bad.ts",
      'import { API_ROUTE_MODULES } from "../app/api/routes";\nexport const r = API_ROUTE_MODULES;',
    ],
    ["workers/ import components/", "workers/bad.ts", 'import { SkyMap } from "@/components/sky/sky-map";\nexport const m = SkyMap;'],
  ])("%s (%s) is an error", async (_what, filePath, code) => {
    expect(await layeringErrors(filePath, code)).toHaveLength(1);
  });

  it.each([
    ["lib/ imports lib/", "lib/x/good.ts", 'import { createRng } from "../math/random";\nexport const r = createRng;'],
    [
      "a lib/ test imports tests/support",
      "lib/x/good.test.ts",
      'import { createTestDatabase } from "../../tests/support/test-database";\nexport const c = createTestDatabase;',
    ],
    [
      "a lib/ test imports a training model fixture",
      "lib/x/good.test.ts",
      'import { writeSmallLcModel } from "../../training/lc/write-lc-model";\nexport const w = writeSmallLcModel;',
    ],
    [
      "components/ import lib/ types",
      "components/x/good.tsx",
      'import type { VoteSummary } from "@/lib/sn-hunter/get-vote-summary";\nexport type V = VoteSummary;',
    ],
    ["training/ imports lib/", "training/x/good.ts", 'import { getDb } from "../../lib/server/db";\nexport const d = getDb;'],
    [
      "tests/ import app/",
      "tests/good.test.ts",
      'import { API_ROUTE_MODULES } from "../app/api/routes";\nexport const r = API_ROUTE_MODULES;',
    ],
  ])("%s (%s) is allowed", async (_what, filePath, code) => {
    expect(await layeringErrors(filePath, code)).toEqual([]);
  });
});
