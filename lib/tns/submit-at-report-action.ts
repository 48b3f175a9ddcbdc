import { z } from "zod";
import { ActionError } from "../auth/action-error";
import { defineAction } from "../auth/define-action";
import { ztfObjectIdSchema } from "../objects/object-id";
import { getEnv } from "../server/env";
import { getReadyAtReport } from "./get-ready-at-report";
import { sendAtReport } from "./send-at-report";

export const submitAtReportAction = defineAction({
  name: "submitAtReport",
  input: z.object({ oid: ztfObjectIdSchema }),
  access: "signed-in",
  handler: async ({ oid }, ctx) => {
    const env = getEnv();
    if (!env.CIELO_TNS_SUBMIT) throw new ActionError("disabled", "Sending to TNS is off (CIELO_TNS_SUBMIT=0): download the report instead.");
    if (!env.CIELO_TNS_API_KEY || !env.CIELO_TNS_BOT_ID || !env.CIELO_TNS_BOT_NAME) {
      throw new ActionError("disabled", "Sending to TNS needs CIELO_TNS_API_KEY, CIELO_TNS_BOT_ID and CIELO_TNS_BOT_NAME.");
    }
    const report = await getReadyAtReport(ctx.db, oid);
    try {
      const reply = await sendAtReport(report, {
        url: env.CIELO_TNS_API_URL,
        apiKey: env.CIELO_TNS_API_KEY,
        botId: env.CIELO_TNS_BOT_ID,
        botName: env.CIELO_TNS_BOT_NAME,
      });
      return { endpoint: env.CIELO_TNS_API_URL, idCode: reply.id_code, message: reply.id_message ?? "" };
    } catch (error) {
      throw new ActionError("upstream", error instanceof Error ? error.message : String(error));
    }
  },
});
