import type { Metadata } from "next";
import { CredentialsForm } from "@/components/auth/credentials-form";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { signIn } from "../actions/sign-in";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath((await searchParams).next);
  return (
    <section className="mx-auto max-w-sm" aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading" className="mb-2 text-2xl font-semibold">
        Sign in
      </h1>
      <p className="mb-6 text-sm text-muted">Reading is public; voting on SN candidates needs an account.</p>
      <CredentialsForm mode="sign-in" action={signIn} next={next} />
    </section>
  );
}
