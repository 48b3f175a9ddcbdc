import { AppError } from "../../errors/app-error";
import { withTransaction } from "../../db/sql";
import type { Db } from "../../server/db";
import { createSession, type SessionUser } from "../sessions";
import { getEnv } from "../../server/env";
import { lockAccountCreation, newAccountRole } from "../account-role";
import type { UserRole } from "../sessions";
import type { OAuthIdentity } from "./github";

type AccountRow = { id: string; email: string; display_name: string; role: UserRole; approved: boolean };
const ROLE_COLUMNS = "u.role::text AS role, (u.approved_at IS NOT NULL) AS approved";

/**
 * The user of a provider identity, then a session for them:
 * 1. an identity linked before → its user;
 * 2. else a user whose email equals the provider's *verified* primary email → linked to it;
 * 3. else a new user (no password) with that email, or the provider's no-reply address.
 * An unverified address never links, so nobody can take over an account by claiming its email.
 */
export async function signInWithOAuth(db: Db, identity: OAuthIdentity): Promise<{ user: SessionUser; token: string; expiresAt: Date }> {
  const user = await withTransaction(db.pool, async (client): Promise<SessionUser> => {
    const linked = await client.query<AccountRow>(
      `SELECT u.id::text, u.email, u.display_name, ${ROLE_COLUMNS} FROM oauth_account a JOIN app_user u ON u.id = a.user_id
       WHERE a.provider = $1 AND a.provider_user_id = $2`,
      [identity.provider, identity.providerUserId],
    );
    let row = linked.rows[0];
    if (!row) {
      const email = identity.verifiedEmail ?? identity.fallbackEmail;
      const existing = await client.query<AccountRow>(
        `SELECT u.id::text, u.email, u.display_name, ${ROLE_COLUMNS} FROM app_user u WHERE u.email = $1`,
        [email],
      );
      row = existing.rows[0];
      if (row && !identity.verifiedEmail) {
        throw new AppError("conflict", "An account with this email exists: sign in with your password.");
      }
      if (!row) {
        await lockAccountCreation(client);
        // CIELO_ADMIN_EMAIL names an admin only through a verified address.
        const adminEmail = getEnv().CIELO_ADMIN_EMAIL;
        const role: UserRole = adminEmail && !identity.verifiedEmail ? "reviewer" : await newAccountRole(client, email, adminEmail);
        const created = await client.query<AccountRow>(
          `INSERT INTO app_user AS u (id, email, display_name, password_hash, role, approved_at)
           VALUES (gen_random_uuid(), $1, $2, NULL, $3::"UserRole", CASE WHEN $3 = 'admin' THEN now() END)
           RETURNING u.id::text, u.email, u.display_name, ${ROLE_COLUMNS}`,
          [email, identity.displayName.slice(0, 80), role],
        );
        row = created.rows[0]!;
      }
      await client.query("INSERT INTO oauth_account (provider, provider_user_id, user_id) VALUES ($1, $2, $3)", [
        identity.provider,
        identity.providerUserId,
        row.id,
      ]);
    }
    return { id: row.id, email: row.email, displayName: row.display_name, role: row.role, approved: row.approved };
  });
  return { user, ...(await createSession(db.prisma, user.id)) };
}
