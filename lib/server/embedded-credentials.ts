import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const EMBEDDED_USER = "postgres";
/** Name of the application database on the embedded server. */
export const EMBEDDED_DATABASE = "cielo";

function passwordFile(dataDir: string): string {
  return path.join(dataDir, "postgres.password");
}

export function hasEmbeddedCredentials(dataDir: string): boolean {
  return fs.existsSync(passwordFile(dataDir));
}

/** The embedded cluster's password: random, made once, kept in the git-ignored data folder. */
export function readOrCreateEmbeddedPassword(dataDir: string): string {
  const file = passwordFile(dataDir);
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const password = crypto.randomBytes(18).toString("base64url");
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, password + "\n", { mode: 0o600 });
  return password;
}

export function embeddedUrl(dataDir: string, port: number, database: string): string {
  const password = encodeURIComponent(readOrCreateEmbeddedPassword(dataDir));
  return `postgresql://${EMBEDDED_USER}:${password}@127.0.0.1:${port}/${database}`;
}
