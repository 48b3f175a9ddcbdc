import { z } from "zod";
import { passwordSchema } from "./password";

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email("not a valid email address"))
  .transform((e) => e.toLowerCase());

export const signUpInputSchema = z.object({
  email: emailSchema,
  displayName: z.string().trim().min(1, "required").max(80, "at most 80 characters"),
  password: passwordSchema,
  /** The token of an invitation link (/sign-up?invitation=…): the account starts approved. */
  invitation: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .regex(/^[\w-]{1,100}$/, "not an invitation token")
      .optional(),
  ),
});
export type SignUpInput = z.infer<typeof signUpInputSchema>;

/** Sign-in does not re-check password rules (they may change); only bounds the length. */
export const signInInputSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "required").max(200),
});
export type SignInInput = z.infer<typeof signInInputSchema>;
