"use server";

import { changePasswordAction } from "@/lib/auth/change-password-action";
import { formDataInput } from "@/lib/auth/form-data-input";
import { nextActionContext } from "@/lib/auth/next-action-context";

export async function changePassword(input: unknown) {
  return changePasswordAction(formDataInput(input), await nextActionContext());
}
