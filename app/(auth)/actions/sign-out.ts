"use server";

import { nextActionContext } from "@/lib/auth/next-action-context";
import { signOutAction } from "@/lib/auth/sign-out-action";

export async function signOut(input: unknown) {
  return signOutAction(input, await nextActionContext());
}
