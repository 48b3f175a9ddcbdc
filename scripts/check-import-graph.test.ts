import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { computeImportEdges, findLayeringViolations } from "./check-import-graph";

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "cielo-import-graph-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

function writeTree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(scratch, "tree-"));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe("the import graph of this repository (ADR 0017)", () => {
  it("has no lib/ -> app|components|workers|scripts|training edge and no two-way lib/* tie outside the allow-list", () => {
    expect(findLayeringViolations(computeImportEdges())).toEqual([]);
  });
});

describe("computeImportEdges + findLayeringViolations on a deliberately broken tree", () => {
  it("sees static, dynamic, re-export, relative and @/ imports and reports each broken rule", () => {
    const root = writeTree({
      "lib/a/uses-app.ts": 'export const load = () => import("../../app/api/routes");',
      "lib/a/uses-b.ts": 'import { b } from "@/lib/b/b";\nexport const a = b;',
      "lib/b/b.ts": 'export { a } from "../a/uses-b";\nexport const b = 1;',
      "lib/c/uses-training.ts": 'import "@/training/stamp/train";',
      "lib/c/harness.test.ts": 'import { h } from "../../tests/support/harness";\nimport { t } from "../../training/lc/t";',
      "lib/c/uses-harness.ts": 'import { h } from "../../tests/support/harness";',
      "training/lc/t.ts": 'import { b } from "../../lib/b/b";',
      "app/api/routes.ts": 'import { a } from "@/lib/a/uses-b";',
    });
    const edges = computeImportEdges(root);
    expect(edges.map((e) => `${e.from}->${e.to}`)).toEqual([
      "app->lib/a",
      "lib/a->app",
      "lib/a->lib/b",
      "lib/b->lib/a",
      "lib/c->tests/support",
      "lib/c->training",
      "training->lib/b",
    ]);
    const violations = findLayeringViolations(edges);
    expect(violations).toHaveLength(4);
    expect(violations[0]).toMatch(/^lib\/a -> app \(lib\/a\/uses-app\.ts/);
    // The runtime file's edge is reported even though a test file also imports the same folders.
    expect(violations.filter((v) => v.startsWith("lib/c -> "))).toHaveLength(2);
    expect(violations.at(-1)).toMatch(/^two-way tie lib\/a<->lib\/b/);
  });

  it("lets lib/ tests use tests/support and training/, and does not count a test-only import as a tie", () => {
    const root = writeTree({
      "lib/c/harness.test.ts": 'import { h } from "../../tests/support/harness";\nimport { t } from "../../training/lc/t";',
      "lib/api/x.ts": 'import { o } from "../objects/o";',
      "lib/objects/o.test.ts": 'import { x } from "../api/x";',
      "lib/objects/o.ts": "export const o = 1;",
    });
    expect(findLayeringViolations(computeImportEdges(root))).toEqual([]);
  });
});
