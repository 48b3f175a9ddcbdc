import crypto from "node:crypto";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** What a production build depends on: when none of it changed, `npm start` reuses `.next/`. */
const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.ts",
  "proxy.ts",
  "instrumentation.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];
const STAMP = path.join(".next", "cielo-build-inputs.sha256");

function hashInputs(root: string): string {
  const hash = crypto.createHash("sha256");
  const visit = (target: string) => {
    if (!fs.existsSync(target)) return;
    const stat = fs.statSync(target);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(target).sort()) visit(path.join(target, name));
    } else {
      hash.update(path.relative(root, target));
      hash.update(fs.readFileSync(target));
    }
  };
  for (const input of BUILD_INPUTS) visit(path.join(root, input));
  return hash.digest("hex");
}

export function nextBuildIsCurrent(root = process.cwd()): boolean {
  const stamp = path.join(root, STAMP);
  return fs.existsSync(path.join(root, ".next", "BUILD_ID")) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === hashInputs(root);
}

/** Runs `next build` unless the current build was made from the same inputs. */
export async function ensureNextBuild(log: (line: string) => void, root = process.cwd()): Promise<void> {
  if (nextBuildIsCurrent(root)) {
    log("the production build is current");
    return;
  }
  log("building the app (next build) ...");
  const started = Date.now();
  const inputs = hashInputs(root);
  const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, "build"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`next build failed (${signal ?? `exit ${code}`}):\n${output.slice(-4000)}`)),
    );
  });
  fs.writeFileSync(path.join(root, STAMP), inputs);
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
