"use server";

import { formDataInput } from "@/lib/auth/form-data-input";
import { nextActionContext } from "@/lib/auth/next-action-context";
import { signUpAction } from "@/lib/auth/sign-up-action";

export async function signUp(input: unknown) {
  return signUpAction(formDataInput(input), await nextActionContext());
}
