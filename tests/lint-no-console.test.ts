import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The errors-and-logs policy in lint (eslint.config.mjs): runtime folders may not use the console.
const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "..") });

async function consoleViolations(filePath: string): Promise<number> {
  const [result] = await eslint.lintText('export function f(): void {\n  console.error("boom");\n}\n', { filePath });
  return result!.messages.filter((m) => m.ruleId === "no-console").length;
}

describe("lint: no-console", () => {
  it("fails a console call in lib/, app/, components/ and workers/, and allows it in scripts/ (CLI output)", async () => {
    expect(await consoleViolations("lib/probe.ts")).toBe(1);
    expect(await consoleViolations("app/api/probe/route.ts")).toBe(1);
    expect(await consoleViolations("components/probe.tsx")).toBe(1);
    expect(await consoleViolations("workers/probe.ts")).toBe(1);
    expect(await consoleViolations("scripts/probe.ts")).toBe(0);
  }, 120_000);
});
