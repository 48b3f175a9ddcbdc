import type { Sql } from "../db/sql";
import type { UserRole } from "./sessions";

/**
 * The role of an account being created: with CIELO_ADMIN_EMAIL set, the account with that email is
 * the admin; without it, the first account of the installation is. Callers hold the sign-up lock
 * (lockAccountCreation) so two first sign-ups cannot both see an empty table.
 */
export async function newAccountRole(sql: Sql, email: string, adminEmail: string | undefined): Promise<UserRole> {
  if (adminEmail) return email === adminEmail ? "admin" : "reviewer";
  const { rows } = await sql.query<{ first: boolean }>("SELECT NOT EXISTS (SELECT 1 FROM app_user) AS first");
  return rows[0]!.first ? "admin" : "reviewer";
}

/** Serialises account creation inside the caller's transaction (sign-ups are rare; correctness is not). */
export async function lockAccountCreation(sql: Sql): Promise<void> {
  await sql.query("SELECT pg_advisory_xact_lock(hashtext('cielo:account-creation'))");
}
