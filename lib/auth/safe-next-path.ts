/** A post-sign-in destination: a local path only, so a crafted link cannot send the user to another site. */
export function safeNextPath(value: string | string[] | undefined, fallback = "/sn-hunter"): string {
  const v = Array.isArray(value) ? value[0] : value;
  return v && /^\/(?![/\\])[\w\-./?=&%~+]*$/.test(v) ? v : fallback;
}
