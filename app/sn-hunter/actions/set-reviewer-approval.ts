"use server";

import { nextActionContext } from "@/lib/auth/next-action-context";
import { setReviewerApprovalAction } from "@/lib/reviewers/set-reviewer-approval-action";

export async function setReviewerApproval(input: unknown) {
  return setReviewerApprovalAction(input, await nextActionContext());
}
