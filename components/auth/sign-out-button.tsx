"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { signOut } from "@/app/(auth)/actions/sign-out";

export function SignOutButton({ csrfToken }: { csrfToken: string }) {
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
