"use server";

import { nextActionContext } from "@/lib/auth/next-action-context";
import { saveFilterAction } from "@/lib/streams/stream-actions";

export async function saveFilter(input: unknown) {
  return saveFilterAction(input, await nextActionContext());
}
