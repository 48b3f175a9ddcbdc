import { describe, expect, it } from "vitest";
import { decompressSnappyRaw, SnappyFormatError } from "./snappy";

describe("decompressSnappyRaw", () => {
  it("expands literals and overlapping back-references", () => {
    // preamble 12; literal "abc" (tag (3-1)<<2); copy-1 of length 9 at offset 3 (tag 1 | (9-4)<<2).
    const stream = Buffer.from([12, 0x08, 0x61, 0x62, 0x63, 0x15, 0x03]);
    expect(decompressSnappyRaw(stream).toString("latin1")).toBe("abcabcabcabc");
  });

  it("reads long literals (length in the following bytes) and 2-byte-offset copies", () => {
    const literal = Buffer.alloc(100, 0x41);
    // tag 60<<2: 1 extra length byte holding length-1; then copy-2 of length 50 at offset 100.
    const stream = Buffer.concat([Buffer.from([150, 1]), Buffer.from([60 << 2, 99]), literal, Buffer.from([((50 - 1) << 2) | 2, 100, 0])]);
    const out = decompressSnappyRaw(stream);
    expect(out.length).toBe(150);
    expect(out.every((b) => b === 0x41)).toBe(true);
  });

  it("rejects a copy reaching before the start and a stream shorter than its preamble says", () => {
    expect(() => decompressSnappyRaw(Buffer.from([4, 0x15, 0x03]))).toThrow(SnappyFormatError);
    expect(() => decompressSnappyRaw(Buffer.from([10, 0x08, 0x61, 0x62, 0x63]))).toThrow(/declared 10/);
    expect(() => decompressSnappyRaw(Buffer.from([5, 0x10, 0x61]))).toThrow(/past the end/);
  });
});
