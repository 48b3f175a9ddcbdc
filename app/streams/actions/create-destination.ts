"use server";

import { nextActionContext } from "@/lib/auth/next-action-context";
import { createDestinationAction } from "@/lib/streams/stream-actions";

export async function createDestination(input: unknown) {
  return createDestinationAction(input, await nextActionContext());
}
