import { describe, expect, it } from "vitest";
import { z } from "zod";
import { APP_ERROR_CODES, AppError, errorBodySchema, HTTP_STATUS_BY_CODE, notFound, parseParams } from "./app-error";
import { errorBodyMessage } from "./error-body-message";

describe("AppError", () => {
  it("maps every code of the closed set to one HTTP status", () => {
    expect(HTTP_STATUS_BY_CODE).toEqual({
      bad_request: 400,
      unauthorized: 401,
      forbidden: 403,
      not_found: 404,
      conflict: 409,
      rate_limited: 429,
      internal: 500,
      bad_gateway: 502,
      unavailable: 503,
      timeout: 504,
    });
    expect(Object.keys(HTTP_STATUS_BY_CODE).sort()).toEqual([...APP_ERROR_CODES].sort());
    for (const code of APP_ERROR_CODES) expect(new AppError(code, "x").status).toBe(HTTP_STATUS_BY_CODE[code]);
  });

  it("has one body shape: ALeRCE's {message} (and {errors, message} for a 400) plus the code", () => {
    expect(notFound().body()).toEqual({ message: "Object not found", code: "not_found" });
    let thrown: unknown;
    try {
      parseParams(z.object({ page_size: z.coerce.number().int().max(1000) }), { page_size: "5000" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const body = (thrown as AppError).body();
    expect(body).toEqual({ message: "Input payload validation failed", code: "bad_request", errors: { page_size: expect.any(String) } });
    expect(errorBodySchema.parse(body)).toEqual(body);
  });

  it("reads a message out of an error body for the UI, and nothing out of anything else", () => {
    expect(errorBodyMessage({ message: "AVRO not found", code: "not_found" })).toBe("AVRO not found");
    expect(
      errorBodyMessage({ message: "Input payload validation failed", code: "bad_request", errors: { type: "bad", format: "worse" } }),
    ).toBe("Input payload validation failed: bad; worse");
    expect(errorBodyMessage({ error: "old shape" })).toBeNull();
    expect(errorBodyMessage(null)).toBeNull();
  });
});
