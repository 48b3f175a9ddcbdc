"use server";

import { nextActionContext } from "@/lib/auth/next-action-context";
import { signOutEverywhereAction } from "@/lib/auth/sign-out-everywhere-action";

export async function signOutEverywhere(input: unknown) {
  return signOutEverywhereAction(input, await nextActionContext());
}
