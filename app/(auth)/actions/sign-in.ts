"use server";

import { formDataInput } from "@/lib/auth/form-data-input";
import { nextActionContext } from "@/lib/auth/next-action-context";
import { signInAction } from "@/lib/auth/sign-in-action";

export async function signIn(input: unknown) {
  return signInAction(formDataInput(input), await nextActionContext());
}
