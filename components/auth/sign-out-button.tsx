"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import type { signOutAction } from "@/lib/auth/sign-out-action";

interface Props {
  csrfToken: string;
  /** The server action app/(auth)/actions/sign-out.ts, passed by the page. */
  signOut: (input: unknown) => ReturnType<typeof signOutAction>;
}

export function SignOutButton({ csrfToken, signOut }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      disabled={pending}
      className="rounded border border-line px-3 py-1.5 text-sm hover:bg-accent-soft"
      onClick={() =>
        startTransition(async () => {
          await signOut({ csrfToken });
          router.refresh();
        })
      }
    >
      Sign out
    </button>
  );
}
