/**
 * Credentials travel to their server actions as FormData, not as a plain object: `next dev` logs
 * every server action's arguments (JSON, in development only), and FormData prints as `{}`, so a
 * password never reaches the dev server's log. The action's zod schema then reads this object.
 */
export function formDataInput(input: unknown): unknown {
  if (!(input instanceof FormData)) return input;
  const fields: Record<string, string> = {};
  for (const [key, value] of input.entries()) if (typeof value === "string") fields[key] = value;
  return fields;
}
