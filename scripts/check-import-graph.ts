// The folder-level import graph of the tree and the layering rules it must keep (ADR 0017):
// no runtime `lib/` file imports app/, components/, workers/, scripts/ or training/, and no two
// lib/* folders import each other both ways unless the ADR's allow-list names the pair.
// Every static import/export-from, dynamic import() and require() with a string literal counts,
// relative or `@/`; type-only imports count too (they tie the folders just the same).
// `npm run check:imports` prints the edges it found; scripts/check-import-graph.test.ts runs the check.
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export const REPO_ROOT = path.resolve(import.meta.dirname, "..");

/** Top-level folders scanned; lib/ is split into its sub-folders (lib/api, lib/ml, ...). */
const SCANNED_ROOTS = ["lib", "app", "components", "workers", "scripts", "training", "tests"];
const SKIPPED_DIRS = new Set(["node_modules", "generated", ".next"]);
/** Folders that runtime lib/ code must never import. */
const ABOVE_LIB = ["app", "components", "workers", "scripts", "training", "tests", "tests/support"];
/**
 * What lib/ test files may import besides lib/: the shared harnesses, and training/ for model
 * fixtures (an untrained stamp model, a small light-curve model) that tests of serving load.
 */
const ALLOWED_FROM_LIB_TESTS = ["tests/support", "training"];

/**
 * Two-way lib/* ties that are known and allowed for now, each with its reason (ADR 0017).
 * Written as "a<->b" with a < b alphabetically.
 */
export const ALLOWED_TWO_WAY_TIES: ReadonlyMap<string, string> = new Map([]);

export interface ImportEdge {
  from: string;
  to: string;
  /** The importing file (repo-relative) and the specifier, for the first import seen on this edge. */
  file: string;
  specifier: string;
  /** Whether every import on this edge comes from test files (*.test.ts). */
  testOnly: boolean;
}

function listSourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listSourceFiles(full));
    else if (/\.(ts|tsx|mts|mjs|js)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) files.push(full);
  }
  return files;
}

/**
 * The folder a repo-relative path belongs to: `lib/<name>` inside lib/, `tests/support` for the
 * test harnesses, else its top-level folder.
 */
export function folderOf(relativePath: string): string | null {
  const parts = relativePath.split(/[\\/]/);
  if (parts.length < 2 || parts[0] === "..") return null;
  if (parts[0] === "lib") return parts.length > 2 ? `lib/${parts[1]}` : "lib";
  if (parts[0] === "tests" && parts[1] === "support" && parts.length > 2) return "tests/support";
  return parts[0]!;
}

/** Where a specifier points (repo-relative), or null for packages and node: built-ins. */
function resolveSpecifier(fromFile: string, specifier: string, root: string): string | null {
  let target: string;
  if (specifier.startsWith("@/")) target = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) target = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  return path.relative(root, target);
}

export function isTestFile(relativePath: string): boolean {
  return /\.test\.tsx?$/.test(relativePath);
}

/** Every folder-to-folder edge (self-edges dropped), one entry per (from, to) pair. */
export function computeImportEdges(root: string = REPO_ROOT): ImportEdge[] {
  const edges = new Map<string, ImportEdge>();
  for (const top of SCANNED_ROOTS) {
    for (const file of listSourceFiles(path.join(root, top))) {
      const relativeFile = path.relative(root, file);
      const from = folderOf(relativeFile);
      if (!from) continue;
      const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
      for (const { fileName: specifier } of importedFiles) {
        const target = resolveSpecifier(file, specifier, root);
        const to = target === null ? null : folderOf(target);
        if (!to || to === from) continue;
        const key = `${from}->${to}`;
        const existing = edges.get(key);
        const testOnly = isTestFile(relativeFile);
        if (!existing) edges.set(key, { from, to, file: relativeFile, specifier, testOnly });
        else if (existing.testOnly && !testOnly) edges.set(key, { from, to, file: relativeFile, specifier, testOnly });
      }
    }
  }
  return [...edges.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/** The layering rules broken by these edges, one readable line each (empty when the tree is clean). */
export function findLayeringViolations(edges: readonly ImportEdge[]): string[] {
  const violations: string[] = [];
  for (const edge of edges) {
    if (!edge.from.startsWith("lib")) continue;
    if (edge.testOnly && ALLOWED_FROM_LIB_TESTS.includes(edge.to)) continue;
    if (ABOVE_LIB.includes(edge.to)) violations.push(`${edge.from} -> ${edge.to} (${edge.file} imports "${edge.specifier}")`);
  }
  // Ties are between runtime modules: a test may build its inputs with a sibling folder's code
  // (e.g. pipeline tests make rows from real alerts with lib/ingest) without tying the folders.
  const libEdges = new Map(
    edges.filter((e) => !e.testOnly && e.from.startsWith("lib/") && e.to.startsWith("lib/")).map((e) => [`${e.from}->${e.to}`, e]),
  );
  for (const edge of libEdges.values()) {
    if (edge.from > edge.to) continue;
    const back = libEdges.get(`${edge.to}->${edge.from}`);
    if (!back) continue;
    const tie = `${edge.from}<->${edge.to}`;
    if (ALLOWED_TWO_WAY_TIES.has(tie)) continue;
    violations.push(`two-way tie ${tie} (${edge.file} imports "${edge.specifier}"; ${back.file} imports "${back.specifier}")`);
  }
  return violations;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const edges = computeImportEdges();
  for (const edge of edges) console.log(`${edge.from} -> ${edge.to}${edge.testOnly ? " (tests only)" : ""}`);
  const violations = findLayeringViolations(edges);
  for (const violation of violations) console.error(`layering: ${violation}`);
  process.exitCode = violations.length > 0 ? 1 : 0;
}
