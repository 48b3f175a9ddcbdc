import http from "node:http";
import type net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientIpOf } from "../auth/client-ip";
import { normalizePeerAddress, PEER_ADDRESS_HEADER, PEER_PROTO_HEADER, peerAddressesRecorded, recordPeerAddresses } from "./peer-address";

/** GET / from the local address `from` (any 127.x.y.z is this machine), with `headers`. */
function getFrom(port: number, from: string, headers: Record<string, string>): Promise<{ peer: string; proto: string; client: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path: "/", localAddress: from, headers }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve(JSON.parse(body) as { peer: string; proto: string; client: string }));
    });
    req.on("error", reject);
  });
}

describe("the peer address recorded by the server", () => {
  let server: http.Server;
  let port: number;

  beforeAll(async () => {
    expect(peerAddressesRecorded()).toBe(false);
    recordPeerAddresses();
    server = http.createServer((req, res) => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      res.end(
        JSON.stringify({ peer: req.headers[PEER_ADDRESS_HEADER], proto: req.headers[PEER_PROTO_HEADER], client: clientIpOf(headers, 0) }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("replaces what the client wrote, and tells two clients apart while forged X-Forwarded-For changes nothing", async () => {
    expect(peerAddressesRecorded()).toBe(true);
    const a = await getFrom(port, "127.0.0.2", {
      [PEER_ADDRESS_HEADER]: "203.0.113.9",
      [PEER_PROTO_HEADER]: "https",
      "x-forwarded-for": "198.51.100.1",
    });
    expect(a).toEqual({ peer: "127.0.0.2", proto: "http", client: "127.0.0.2" });
    const again = await getFrom(port, "127.0.0.2", { "x-forwarded-for": "198.51.100.2" });
    expect(again.client).toBe("127.0.0.2");
    const b = await getFrom(port, "127.0.0.3", {});
    expect(b.client).toBe("127.0.0.3");
  });

  it("writes IPv4 clients of a dual-stack socket without the IPv6 prefix", () => {
    expect(normalizePeerAddress("::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(normalizePeerAddress("2001:db8::1")).toBe("2001:db8::1");
  });
});
