// The e2e tests drive Debian's chromium (Playwright's own browser download is not possible offline).
// Installs it with apt-get when we are root, otherwise says in one line what to run.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

const CHROMIUM = process.env.CIELO_CHROMIUM ?? "/usr/bin/chromium";
if (fs.existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!isRoot) {
  console.error(
    `chromium is missing: run  sudo apt-get install -y chromium  (or set CIELO_CHROMIUM to a chromium binary), then npm test again.`,
  );
  process.exit(1);
}
console.log("chromium is missing: installing Debian's chromium with apt-get ...");
try {
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
} catch {
  execFileSync("apt-get", ["update"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
}
if (!fs.existsSync(CHROMIUM)) {
  console.error(`apt-get finished but ${CHROMIUM} is still missing.`);
  process.exit(1);
}
