"use server";

import { nextActionContext } from "@/lib/auth/next-action-context";
import { submitAtReportAction } from "@/lib/tns/submit-at-report-action";

export async function submitAtReport(input: unknown) {
  return submitAtReportAction(input, await nextActionContext());
}
