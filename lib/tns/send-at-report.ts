import { z } from "zod";
import type { AtReport } from "./build-at-report";

export interface TnsEndpoint {
  url: string;
  apiKey: string;
  botId: string;
  botName: string;
}

const tnsReplySchema = z.looseObject({
  id_code: z.coerce.number(),
  id_message: z.string().optional(),
  data: z.unknown().optional(),
});
export type TnsReply = z.infer<typeof tnsReplySchema>;

/**
 * POSTs one bulk report as TNS's API wants it: multipart form with api_key and data (the JSON), and
 * the bot's tns_marker User-Agent. Throws on a non-200 reply with TNS's message.
 */
export async function sendAtReport(report: AtReport, endpoint: TnsEndpoint, timeoutMs = 30_000): Promise<TnsReply> {
  const form = new FormData();
  form.set("api_key", endpoint.apiKey);
  form.set("data", JSON.stringify(report));
  const response = await fetch(endpoint.url, {
    method: "POST",
    body: form,
    headers: { "User-Agent": `tns_marker${JSON.stringify({ tns_id: Number(endpoint.botId), type: "bot", name: endpoint.botName })}` },
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let reply: TnsReply;
  try {
    reply = tnsReplySchema.parse(JSON.parse(text));
  } catch {
    throw new Error(`TNS answered ${response.status} with a body that is not its JSON reply: ${text.slice(0, 200)}`);
  }
  if (!response.ok || reply.id_code !== 200)
    throw new Error(`TNS refused the report (${reply.id_code}): ${reply.id_message ?? text.slice(0, 200)}`);
  return reply;
}
