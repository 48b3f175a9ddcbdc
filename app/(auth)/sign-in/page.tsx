import type { Metadata } from "next";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { githubOAuthConfig } from "@/lib/auth/oauth/configured-providers";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { signIn } from "../actions/sign-in";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const next = safeNextPath(query.next);
  const error = typeof query.error === "string" ? query.error : undefined;
  return (
    <section className="mx-auto max-w-sm" aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading" className="mb-2 text-2xl font-semibold">
        Sign in
      </h1>
      <p className="mb-6 text-sm text-muted">Reading is public; voting on SN candidates needs an account.</p>
      <OAuthButtons githubEnabled={githubOAuthConfig() !== null} next={next} error={error} />
      <CredentialsForm mode="sign-in" action={signIn} next={next} />
    </section>
  );
}
