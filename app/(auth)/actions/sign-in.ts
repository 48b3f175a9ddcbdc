"use server";

import { nextActionContext } from "@/lib/auth/next-action-context";
import { signInAction } from "@/lib/auth/sign-in-action";

export async function signIn(input: unknown) {
  return signInAction(input, await nextActionContext());
}
