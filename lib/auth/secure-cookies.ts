/**
 * Whether to mark cookies Secure: always over https, and on localhost too (browsers keep Secure
 * cookies on http://localhost); only plain http to another host goes without, or nothing would stick.
 */
export function cookiesCanBeSecure(protocol: string | null | undefined, host: string | null | undefined): boolean {
  const name = (host ?? "").replace(/:\d+$/, "");
  return protocol === "https" || protocol === "https:" || name === "localhost" || name === "127.0.0.1" || name === "[::1]";
}
