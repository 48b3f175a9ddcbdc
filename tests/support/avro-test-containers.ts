// Helpers for tests that need hand-made Avro containers (codecs, corruption).
import { encodeLengthPrefixed, encodeLong } from "../../lib/avro/byte-cursor";
import { AVRO_MAGIC } from "../../lib/avro/read-avro-container";

export function buildContainer(opts: {
  schemaJson: string;
  codec?: string;
  sync?: Buffer;
  blocks: { count: number; data: Buffer; sync?: Buffer }[];
}): Buffer {
  const sync = opts.sync ?? Buffer.alloc(16, 7);
  const meta: [string, string][] = [["avro.schema", opts.schemaJson]];
  if (opts.codec !== undefined) meta.push(["avro.codec", opts.codec]);
  const parts: Buffer[] = [AVRO_MAGIC, encodeLong(meta.length)];
  for (const [k, v] of meta) parts.push(encodeLengthPrefixed(Buffer.from(k)), encodeLengthPrefixed(Buffer.from(v)));
  parts.push(encodeLong(0), sync);
  for (const block of opts.blocks) parts.push(encodeLong(block.count), encodeLong(block.data.length), block.data, block.sync ?? sync);
  return Buffer.concat(parts);
}
