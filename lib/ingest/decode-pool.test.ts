import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadAlertFixtures } from "../../tests/support/alert-fixtures";
import type { AlertSourceFile } from "./alert-sources";
import type { DecodedFile } from "./decode-alert-file";
import { decodeAlertFile } from "./decode-alert-file";
import { createThreadDecoder, inlineDecoder, prepareForPosting } from "./decode-pool";

/** The decoded rows as comparable text (bigints and tensors spelled out, arrival times left out). */
const comparable = (decoded: DecodedFile) =>
  JSON.stringify(decoded, (key, value: unknown) => {
    if (key === "received_at") return undefined;
    if (typeof value === "bigint") return value.toString();
    if (value instanceof Float32Array) return Array.from(value);
    return value;
  });

describe("the decode thread", () => {
  it("gives the rows the calling thread gives, also for bytes that are a view into a larger buffer, and leaves the caller's bytes alone", async () => {
    const fixtures = loadAlertFixtures().filter((f) => f.fixturePath.startsWith("night-2018-11-29/"));
    const files: AlertSourceFile[] = fixtures.slice(0, 20).map((f) => ({ name: f.fixturePath, bytes: fs.readFileSync(f.absolutePath) }));
    // As a Kafka message value: a slice of a larger fetch buffer.
    const own = files[0]!.bytes;
    const fetchBuffer = Buffer.concat([Buffer.alloc(1_000_000, 7), own, Buffer.alloc(1000, 9)]);
    const view = fetchBuffer.subarray(1_000_000, 1_000_000 + own.length);
    files.push({ name: "kafka-like-view.avro", bytes: view });

    const thread = createThreadDecoder({ stampTensors: true });
    try {
      for (const file of files) {
        const inThread = await thread.decode(file);
        const inline = await inlineDecoder.decode(file);
        // The inline decoder builds no stamp tensors: compare the rows without them, then the tensors exist.
        expect(inThread.rows.every((r) => r.stampTensor instanceof Float32Array)).toBe(true);
        for (const row of inThread.rows) delete row.stampTensor;
        expect(comparable(inThread)).toBe(comparable(inline));
        expect(inThread.rows[0]!.cutouts[0]!.stamp_data).toBeInstanceOf(Buffer);
      }
      expect(view.equals(own)).toBe(true);
      expect(fetchBuffer.subarray(0, 1_000_000).every((b) => b === 7)).toBe(true);
    } finally {
      await thread.close();
    }
  });

  it("transfers the file back only when posted rows view it (ZTF cutouts), not for an LSST alert (its cutouts are packed copies)", () => {
    const ztf = loadAlertFixtures().find((f) => f.fixturePath.startsWith("night-2018-11-29/"))!;
    const lsst = path.resolve(import.meta.dirname, "../../fixtures/lsst/real/boom_7912941781254298.avro");
    for (const [name, viewed] of [
      [ztf.absolutePath, true],
      [lsst, false],
    ] as const) {
      const bytes = Buffer.from(new Uint8Array(fs.readFileSync(name)));
      const result = decodeAlertFile({ name, bytes });
      expect(result.rows.length + (result.lsstRows?.length ?? 0)).toBe(1);
      const transfer = prepareForPosting(result, bytes.buffer as ArrayBuffer, new Set());
      expect(transfer.includes(bytes.buffer as ArrayBuffer)).toBe(viewed);
      // Every LSST cutout is an owned buffer, transferred (not cloned).
      for (const cutout of result.lsstRows?.[0]?.cutouts ?? []) expect(transfer).toContain(cutout.fits.buffer);
    }
  });
});
