// The node options of the Next server process that `npm start` runs (docs/decisions/0048): a V8
// old-space limit, CIELO_NEXT_MAX_OLD_SPACE_MB (1024 MB by default). With node's default limit
// (~4 GB on a machine with this much memory) V8 lets the heap grow to about 4 × its live size
// between full collections; below a 2 GB limit it allows at most 1.3–2 × (1.6 × at 1 GB). Next's
// live heap under the soak is ~80 MB, so its heap used to swing 80 → 310 MB and its RSS rose for
// the first several minutes of a run (+19.9 MB/min over a 10-minute soak) before levelling off.
// An operator's own --max-old-space-size in NODE_OPTIONS wins.

/** The default limit: ~10 × the server's live heap under the soak (~80–120 MB). */
export const NEXT_MAX_OLD_SPACE_MB_DEFAULT = 1024;

/**
 * Node flags to put before the Next server's script: `--max-old-space-size=<mb>` unless `mb` is 0
 * (node's default) or NODE_OPTIONS already sets the limit (node would apply the later one, ours).
 */
export function nextServerNodeArgs(maxOldSpaceMb: number, nodeOptions: string | undefined = process.env.NODE_OPTIONS): string[] {
  if (!Number.isInteger(maxOldSpaceMb) || maxOldSpaceMb < 0)
    throw new Error(`max old space must be a whole number of MB ≥ 0, not ${maxOldSpaceMb}`);
  if (maxOldSpaceMb === 0) return [];
  if (nodeOptions && /(^|\s)--max[-_]old[-_]space[-_]size(=|\s|$)/.test(nodeOptions)) return [];
  return [`--max-old-space-size=${maxOldSpaceMb}`];
}
