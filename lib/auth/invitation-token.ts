import crypto from "node:crypto";

/** Invitation links carry a random token; the table keeps only its SHA-256, like session tokens. */
export function newInvitationToken(): string {
  return crypto.randomBytes(24).toString("base64url");
}

export function hashInvitationToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
