import type { Sql } from "../db/sql";
import type { UserRole } from "../auth/sessions";

export interface AccountRow {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  approvedAt: Date | null;
  createdAt: Date;
  votes: number;
}

/** Every account for the admin page: waiting for approval first, then newest first. */
export async function listAccounts(sql: Sql): Promise<AccountRow[]> {
  const { rows } = await sql.query<{
    id: string;
    email: string;
    display_name: string;
    role: UserRole;
    approved_at: Date | null;
    created_at: Date;
    votes: number;
  }>(
    `SELECT u.id::text, u.email, u.display_name, u.role::text AS role, u.approved_at, u.created_at,
            (SELECT count(*)::int FROM candidate_vote v WHERE v.user_id = u.id) AS votes
     FROM app_user u ORDER BY (u.approved_at IS NULL) DESC, u.created_at DESC LIMIT 1000`,
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    approvedAt: r.approved_at,
    createdAt: r.created_at,
    votes: r.votes,
  }));
}
