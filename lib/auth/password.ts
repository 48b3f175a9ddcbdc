import crypto from "node:crypto";
import { promisify } from "node:util";
import { z } from "zod";
import { passwordHashBudget } from "./password-hash-budget";
import { passwordWeakness } from "./password-strength";

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

/**
 * scrypt with N = 2^15, r = 8, p = 1 (OWASP's minimum for scrypt; ~50 ms and 32 MiB per hash on
 * this machine): slow enough to make offline guessing expensive, fast enough for a sign-in.
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 64;
const SALT_BYTES = 16;
const MAX_MEMORY = 64 * 1024 * 1024;

export const PASSWORD_MIN_LENGTH = 12;

/**
 * 12–200 characters, and not guessable: NIST SP 800-63B asks for length and a check against lists
 * of common and breached passwords rather than composition rules. The list and the guess estimate
 * come from zxcvbn-ts (lib/auth/password-strength.ts): "password1234" or twelve spaces are refused.
 */
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200, "at most 200 characters")
  .superRefine((password, ctx) => {
    const weakness = passwordWeakness(password);
    if (weakness) ctx.addIssue({ code: "custom", message: weakness });
  });

/** "scrypt$N$r$p$salt$hash" with base64url salt and hash, so the parameters can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(SALT_BYTES);
  const hash = await passwordHashBudget.run(() => scrypt(password.normalize("NFKC"), salt, KEY_BYTES, { ...PARAMS, maxmem: MAX_MEMORY }));
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), hash.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, hashText] = stored.split("$");
  if (scheme !== "scrypt" || !saltText || !hashText) return false;
  const expected = Buffer.from(hashText, "base64url");
  const actual = await passwordHashBudget.run(() =>
    scrypt(password.normalize("NFKC"), Buffer.from(saltText, "base64url"), expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: MAX_MEMORY,
    }),
  );
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

/** A hash of a random password, compared against when the email is unknown so both paths take as long. */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(crypto.randomBytes(16).toString("hex"));
  return decoyHash;
}
