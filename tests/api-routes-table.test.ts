import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ROUTE_MODULES } from "../app/api/routes";

const APP_DIR = path.resolve(import.meta.dirname, "..", "app");

function routeFolders(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFolders(full);
    return entry.name === "route.ts" ? [path.relative(APP_DIR, dir).split(path.sep).join("/")] : [];
  });
}

describe("app/api/routes.ts", () => {
  it("lists every app/api/**/route.ts by its folder path, and nothing else", () => {
    expect(Object.keys(API_ROUTE_MODULES).sort()).toEqual(routeFolders(path.join(APP_DIR, "api")).sort());
  });

  it("loads each listed module, which exports at least one HTTP method handler", async () => {
    for (const [pattern, load] of Object.entries(API_ROUTE_MODULES)) {
      const routeModule: object = await load();
      const methods = ["GET", "POST", "OPTIONS"].filter((m) => typeof (routeModule as Record<string, unknown>)[m] === "function");
      expect(methods.length, pattern).toBeGreaterThan(0);
    }
  });
});
