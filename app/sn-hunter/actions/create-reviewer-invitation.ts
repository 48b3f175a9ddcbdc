"use server";

import { nextActionContext } from "@/lib/auth/next-action-context";
import { createReviewerInvitationAction } from "@/lib/reviewers/create-reviewer-invitation-action";

export async function createReviewerInvitation(input: unknown) {
  return createReviewerInvitationAction(input, await nextActionContext());
}
