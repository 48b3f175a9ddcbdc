// The one train / validation split of every real labelled set, fixed before any result was looked
// at: by a hash of the objectId, so all alerts (and light-curve truncations) of one object fall on
// the same side and a re-run, another machine or another model gives the same split.

/** Share of objects in the validation split, in percent. */
export const VALIDATION_PERCENT = 35;

/** 32-bit FNV-1a of the UTF-8 bytes. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export type RealSplit = "train" | "validation";

export function realSplitOf(objectId: string): RealSplit {
  return fnv1a32(objectId) % 100 < VALIDATION_PERCENT ? "validation" : "train";
}
