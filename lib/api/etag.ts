import crypto from "node:crypto";

/** A strong validator for a response body: the same bytes give the same tag. */
export function computeEtag(body: string | Uint8Array): string {
  return `"${crypto.createHash("sha1").update(body).digest("base64url")}"`;
}

/** Whether an If-None-Match header matches the tag (weak comparison, `*`, lists). */
export function ifNoneMatchHits(header: string | null, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, "");
  return header.split(",").some((candidate) => {
    const tag = candidate.trim();
    return tag === "*" || tag.replace(/^W\//, "") === bare;
  });
}
