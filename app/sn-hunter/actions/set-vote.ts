"use server";

import { nextActionContext } from "@/lib/auth/next-action-context";
import { setVoteAction } from "@/lib/sn-hunter/set-vote-action";

export async function setVote(input: unknown) {
  return setVoteAction(input, await nextActionContext());
}
