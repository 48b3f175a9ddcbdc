import type { Metadata } from "next";
import Link from "next/link";
import { AccountSecurity } from "@/components/auth/account-security";
import { getCurrentUser } from "@/lib/auth/get-current-user";
import { changePassword } from "../actions/change-password";
import { signOutEverywhere } from "../actions/sign-out-everywhere";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await getCurrentUser();
  if (!user) {
    return (
      <p className="text-sm">
        <Link href="/sign-in?next=/account" className="text-accent underline">
          Sign in
        </Link>{" "}
        to manage your account.
      </p>
    );
  }
  return (
    <section className="mx-auto max-w-sm space-y-6" aria-labelledby="account-heading">
      <div>
        <h1 id="account-heading" className="text-2xl font-semibold">
          Account
        </h1>
        <p className="text-sm text-muted">
          {user.displayName} ({user.email}) ·{" "}
          {user.role === "admin" ? "admin" : user.approved ? "approved reviewer" : "waiting for approval"}
        </p>
      </div>
      <AccountSecurity csrfToken={user.csrfToken} changePassword={changePassword} signOutEverywhere={signOutEverywhere} />
    </section>
  );
}
