import { AppError } from "../../errors/app-error";
import { withTransaction } from "../../db/sql";
import type { Db } from "../../server/db";
import { createSession, type SessionUser } from "../sessions";
import type { OAuthIdentity } from "./github";

/**
 * The user of a provider identity, then a session for them:
 * 1. an identity linked before → its user;
 * 2. else a user whose email equals the provider's *verified* primary email → linked to it;
 * 3. else a new user (no password) with that email, or the provider's no-reply address.
 * An unverified address never links, so nobody can take over an account by claiming its email.
 */
export async function signInWithOAuth(db: Db, identity: OAuthIdentity): Promise<{ user: SessionUser; token: string; expiresAt: Date }> {
  const user = await withTransaction(db.pool, async (tx): Promise<SessionUser> => {
    const linked = await tx.query<{ id: string; email: string; display_name: string }>(
      `SELECT u.id::text, u.email, u.display_name FROM oauth_account a JOIN app_user u ON u.id = a.user_id
       WHERE a.provider = $1 AND a.provider_user_id = $2`,
      [identity.provider, identity.providerUserId],
    );
    let row = linked.rows[0];
    if (!row) {
      const email = identity.verifiedEmail ?? identity.fallbackEmail;
      const existing = await tx.query<{ id: string; email: string; display_name: string }>(
        "SELECT id::text, email, display_name FROM app_user WHERE email = $1",
        [email],
      );
      row = existing.rows[0];
      if (row && !identity.verifiedEmail) {
        throw new AppError("conflict", "An account with this email exists: sign in with your password.");
      }
      if (!row) {
        const created = await tx.query<{ id: string; email: string; display_name: string }>(
          `INSERT INTO app_user (id, email, display_name, password_hash) VALUES (gen_random_uuid(), $1, $2, NULL)
           RETURNING id::text, email, display_name`,
          [email, identity.displayName.slice(0, 80)],
        );
        row = created.rows[0]!;
      }
      await tx.query("INSERT INTO oauth_account (provider, provider_user_id, user_id) VALUES ($1, $2, $3)", [
        identity.provider,
        identity.providerUserId,
        row.id,
      ]);
    }
    return { id: row.id, email: row.email, displayName: row.display_name };
  });
  return { user, ...(await createSession(db.prisma, user.id)) };
}
