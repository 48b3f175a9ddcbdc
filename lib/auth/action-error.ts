/** Errors an action reports to the browser as they are (code + message); anything else is logged and masked. */
export type ActionErrorCode =
  "invalid_input" | "unauthenticated" | "forbidden" | "csrf" | "not_found" | "conflict" | "rate_limited" | "disabled" | "upstream";

export class ActionError extends Error {
  constructor(
    readonly code: ActionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "ActionError";
  }
}
