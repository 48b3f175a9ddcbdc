import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { expectLoggedError } from "../../tests/support/logged-error-trap";
import { type ErrorLogRecord, onErrorLog } from "../server/logger";
import { AppError, errorBodySchema } from "./app-error";
import { errorResponse, withErrorResponses } from "./error-response";

let unsubscribe: (() => void) | undefined;
afterEach(() => unsubscribe?.());

function recordErrorLogs(): ErrorLogRecord[] {
  const records: ErrorLogRecord[] = [];
  unsubscribe = onErrorLog((record) => records.push(record));
  return records;
}

describe("errorResponse", () => {
  it("answers an AppError with its code's status and body, without logging", async () => {
    const logged = recordErrorLogs();
    const response = errorResponse(new AppError("conflict", "already reported"));
    expect(response.status).toBe(409);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ message: "already reported", code: "conflict" });
    expect(logged).toEqual([]);
  });

  it("answers a ZodError as a 400 with a message per field, and an unreachable database as 503 with Retry-After", async () => {
    const zodError = z.object({ ra: z.number() }).safeParse({ ra: "x" }).error!;
    const bad = errorResponse(zodError);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      message: "Input payload validation failed",
      code: "bad_request",
      errors: { ra: expect.any(String) },
    });
    const down = errorResponse(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("5");
    expect(errorBodySchema.parse(await down.json()).code).toBe("unavailable");
  });

  it("answers an unknown error with 500 and a generic body, and logs it once with the request id", async () => {
    const logged = recordErrorLogs();
    expectLoggedError("disk on fire");
    const request = new Request("http://localhost/api/explorer/objects/ZTF20aafcnby/all.zip", { headers: { "x-request-id": "req-42" } });
    const response = errorResponse(new Error("disk on fire at /var/lib/secret"), { request });
    expect(response.status).toBe(500);
    expect(response.headers.get("x-request-id")).toBe("req-42");
    const body = errorBodySchema.parse(await response.json());
    expect(body).toEqual({ message: "Something went wrong on the server; it has been logged (request id req-42).", code: "internal" });
    expect(JSON.stringify(body)).not.toContain("disk on fire");
    expect(logged).toHaveLength(1);
    const line = JSON.parse(logged[0]!.line) as {
      requestId: string;
      method: string;
      path: string;
      err: { message: string; stack: string };
    };
    expect(line).toMatchObject({ requestId: "req-42", method: "GET", path: "/api/explorer/objects/ZTF20aafcnby/all.zip" });
    expect(line.err.message).toBe("disk on fire at /var/lib/secret");
    expect(line.err.stack).toContain("error-response.test.ts");
  });

  it("makes up a request id when the client sent none or a strange one", async () => {
    expectLoggedError("no id");
    const request = new Request("http://localhost/x", { headers: { "x-request-id": "a b/c" } });
    const response = errorResponse(new Error("no id"), { request });
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("withErrorResponses", () => {
  it("turns what a hand-written route throws into the one error response", async () => {
    const route = withErrorResponses(async (_request: Request, context: { params: Promise<{ oid: string }> }) => {
      const { oid } = await context.params;
      if (oid !== "ZTF20aafcnby") throw new AppError("not_found", `object ${oid} not found`);
      return new Response("ok");
    });
    const missing = await route(new Request("http://localhost/r"), { params: Promise.resolve({ oid: "ZTF99zzzzzzz" }) });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: "object ZTF99zzzzzzz not found", code: "not_found" });
    expect(await (await route(new Request("http://localhost/r"), { params: Promise.resolve({ oid: "ZTF20aafcnby" }) })).text()).toBe("ok");
  });
});
