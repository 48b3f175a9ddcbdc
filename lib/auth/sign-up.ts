import type { Db } from "../server/db";
import { ActionError } from "./action-error";
import type { SignUpInput } from "./credentials";
import { hashPassword } from "./password";
import { createSession, type SessionUser } from "./sessions";

export async function signUp(db: Db, input: SignUpInput): Promise<{ user: SessionUser; token: string; expiresAt: Date }> {
  const passwordHash = await hashPassword(input.password);
  const { rows } = await db.pool.query<{ id: string }>(
    `INSERT INTO app_user (id, email, display_name, password_hash) VALUES (gen_random_uuid(), $1, $2, $3)
     ON CONFLICT (email) DO NOTHING RETURNING id`,
    [input.email, input.displayName, passwordHash],
  );
  const id = rows[0]?.id;
  if (!id) throw new ActionError("conflict", "An account with this email already exists: sign in instead.");
  const session = await createSession(db.prisma, id);
  return { user: { id, email: input.email, displayName: input.displayName }, ...session };
}
