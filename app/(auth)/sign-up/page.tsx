import type { Metadata } from "next";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { githubOAuthConfig } from "@/lib/auth/oauth/configured-providers";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { signIn } from "../actions/sign-in";
import { signUp } from "../actions/sign-up";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const next = safeNextPath(query.next);
  const error = typeof query.error === "string" ? query.error : undefined;
  const invitation = typeof query.invitation === "string" && /^[\w-]{1,100}$/.test(query.invitation) ? query.invitation : undefined;
  return (
    <section className="mx-auto max-w-sm" aria-labelledby="sign-up-heading">
      <h1 id="sign-up-heading" className="mb-2 text-2xl font-semibold">
        Create an account
      </h1>
      <p className="mb-6 text-sm text-muted">
        An SN Hunter reviewer account: your votes are shown with your name.{" "}
        {invitation ? "You were invited: your account can vote at once." : "An admin approves new accounts before they can vote."}
      </p>
      <OAuthButtons githubEnabled={githubOAuthConfig() !== null} next={next} error={error} />
      <CredentialsForm mode="sign-up" action={signUp} signInAfter={signIn} invitation={invitation} next={next} />
    </section>
  );
}
