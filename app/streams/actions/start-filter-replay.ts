"use server";

import { nextActionContext } from "@/lib/auth/next-action-context";
import { startFilterReplayAction } from "@/lib/streams/stream-actions";

export async function startFilterReplay(input: unknown) {
  return startFilterReplayAction(input, await nextActionContext());
}
