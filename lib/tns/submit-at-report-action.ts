import { z } from "zod";
import { AppError } from "../errors/app-error";
import { defineAction } from "../auth/define-action";
import { requireAdmin } from "../auth/roles";
import { ztfObjectIdSchema } from "../objects/object-id";
import { getEnv } from "../server/env";
import { submitAtReport } from "./submit-at-report";

export const submitAtReportAction = defineAction({
  name: "submitAtReport",
  input: z.object({ oid: ztfObjectIdSchema }),
  access: "signed-in",
  handler: async ({ oid }, ctx) => {
    // Sending uses the group's TNS bot key: an admin decides, whatever the votes say.
    const sender = requireAdmin(ctx);
    const env = getEnv();
    if (!env.CIELO_TNS_SUBMIT)
      throw new AppError("unavailable", "Sending to TNS is off (CIELO_TNS_SUBMIT=0): download the report instead.");
    if (!env.CIELO_TNS_API_KEY || !env.CIELO_TNS_BOT_ID || !env.CIELO_TNS_BOT_NAME) {
      throw new AppError("unavailable", "Sending to TNS needs CIELO_TNS_API_KEY, CIELO_TNS_BOT_ID and CIELO_TNS_BOT_NAME.");
    }
    const endpoint = {
      url: env.CIELO_TNS_API_URL,
      apiKey: env.CIELO_TNS_API_KEY,
      botId: env.CIELO_TNS_BOT_ID,
      botName: env.CIELO_TNS_BOT_NAME,
    };
    const reply = await submitAtReport(ctx.db, sender, oid, endpoint, ctx.requestId);
    return { endpoint: endpoint.url, idCode: reply.id_code, message: reply.id_message ?? "" };
  },
});
