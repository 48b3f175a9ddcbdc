"use server";

import { nextActionContext } from "@/lib/auth/next-action-context";
import { signUpAction } from "@/lib/auth/sign-up-action";

export async function signUp(input: unknown) {
  return signUpAction(input, await nextActionContext());
}
