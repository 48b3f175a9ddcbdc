"use server";

import { nextActionContext } from "@/lib/auth/next-action-context";
import { createWatchlistAction } from "@/lib/streams/stream-actions";

export async function createWatchlist(input: unknown) {
  return createWatchlistAction(input, await nextActionContext());
}
