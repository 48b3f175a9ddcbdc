import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerOversizedRequests, oversizedStatus } from "./oversized-requests";

/** Sends `request` on a raw socket; resolves with everything the server sent, or rejects on a reset. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (d: Buffer) => chunks.push(d));
    socket.on("error", reject); // ECONNRESET: what Node's own answer gave
    socket.on("end", () => {
      socket.end();
      resolve(Buffer.concat(chunks).toString("latin1"));
    });
    socket.write(request);
  });
}

describe("oversized requests", () => {
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    answerOversizedRequests();
    server = http.createServer((_req, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("a 100 kB address gets a 414 with a short body and a clean close, not a reset", async () => {
    const answer = await rawExchange(port, `GET /?classifier=${"x".repeat(100_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 414 URI Too Long\r\n/);
    expect(answer).toContain("Connection: close");
    const body = answer.split("\r\n\r\n")[1]!;
    expect(body).toMatch(/address is too long/);
    expect(body.length).toBeLessThan(200);
    // fetch sees the same (undici reads the answer before the close).
    const response = await fetch(`http://127.0.0.1:${port}/?q=${"y".repeat(100_000)}`);
    expect(response.status).toBe(414);
    expect(await response.text()).toMatch(/address is too long/);
  });

  it("30 kB of headers get a 431 with a short body; normal requests are untouched", async () => {
    const answer = await rawExchange(port, `GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${"z".repeat(30_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(answer.split("\r\n\r\n")[1]).toMatch(/headers are too large/);
    const ok = await fetch(`http://127.0.0.1:${port}/?q=short`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("ok");
  });

  it("tells a long request line from long headers", () => {
    expect(oversizedStatus(Buffer.from(`GET /${"a".repeat(20_000)}`))).toBe(414);
    expect(oversizedStatus(Buffer.from(`GET / HTTP/1.1\r\nCookie: ${"a".repeat(20_000)}`))).toBe(431);
    expect(oversizedStatus(Buffer.from("a".repeat(20_000)))).toBe(431);
    expect(oversizedStatus(undefined)).toBe(431);
  });
});
