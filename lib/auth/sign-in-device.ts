import crypto from "node:crypto";

/** A browser that signed in to an account before carries this cookie (one year, httpOnly). */
export const SIGN_IN_DEVICE_COOKIE = "cielo_device";
export const SIGN_IN_DEVICE_DAYS = 365;

/**
 * A device cookie (OWASP's answer to lockout denial of service): "nonce.mac", the mac an HMAC of
 * the email and nonce keyed with the account's password hash. Only the server can make one, it
 * needs no table, and a password change voids every device of the account. Sign-ins from such a
 * browser are counted on their own, so guesses from elsewhere cannot lock the owner out.
 */
export function newDeviceToken(email: string, passwordHash: string): string {
  const nonce = crypto.randomBytes(12).toString("base64url");
  return `${nonce}.${deviceMac(email, nonce, passwordHash)}`;
}

/** The nonce of a valid device token for this account, or null. */
export function deviceNonce(token: string | undefined, email: string, passwordHash: string | null | undefined): string | null {
  if (!token || !passwordHash || token.length > 200) return null;
  const [nonce, mac] = token.split(".");
  if (!nonce || !mac) return null;
  const expected = Buffer.from(deviceMac(email, nonce, passwordHash));
  const actual = Buffer.from(mac);
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected) ? nonce : null;
}

function deviceMac(email: string, nonce: string, passwordHash: string): string {
  return crypto.createHmac("sha256", passwordHash).update(`cielo-device-v1:${email}:${nonce}`).digest("base64url");
}
