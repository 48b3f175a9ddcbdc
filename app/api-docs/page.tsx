import type { Metadata } from "next";
import { headers } from "next/headers";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { API_DOC_FILES } from "@/lib/explorer/api-doc-files";

export const metadata: Metadata = { title: "API" };

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  items?: Schema;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  pattern?: string;
  $ref?: string;
};
type Parameter = { name: string; in: string; required: boolean; description?: string; schema: Schema };
type Operation = {
  summary: string;
  tags: string[];
  parameters?: Parameter[];
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
};

function describeSchema(s: Schema | undefined): string {
  if (!s) return "";
  if (s.$ref) return s.$ref.split("/").at(-1) ?? "";
  if (s.enum) return s.enum.map(String).join(" | ");
  if (s.type === "array") return `${describeSchema(s.items)} (repeatable${s.maxItems ? `, ≤ ${s.maxItems}` : ""})`;
  const range = s.minimum !== undefined || s.maximum !== undefined ? ` ${s.minimum ?? "…"}..${s.maximum ?? "…"}` : "";
  const type = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "string");
  return `${type}${Math.abs(s.maximum ?? 0) > 1e15 ? "" : range}${s.default !== undefined ? ` = ${String(s.default)}` : ""}`;
}

const alerceConfig = (origin: string) => `{
  "ztf": {
    "ZTF_API_URL": "${origin}/api/ztf/v1",
    "ZTF_ROUTES": { "objects": "/objects", "single_object": "/objects/%s", "detections": "/objects/%s/detections",
      "non_detections": "/objects/%s/non_detections", "lightcurve": "/objects/%s/lightcurve", "magstats": "/objects/%s/magstats",
      "probabilities": "/objects/%s/probabilities", "features": "/objects/%s/features",
      "single_feature": "/objects/%s/features/%s", "classifiers": "/classifiers",
      "classifier_classes": "/classifiers/%s/%s/classes" } },
  "stamps_ztf": { "AVRO_URL": "${origin}/api/avro",
    "AVRO_ROUTES": { "get_stamp": "/get_stamp", "get_avro": "/get_avro" } }
}`;

/**
 * The origin the reader reached this page at (so the examples can be pasted as they are): the Host
 * header, and X-Forwarded-Proto behind a TLS-terminating proxy. A malformed value falls back to localhost.
 */
async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:]+\](:\d{1,5})?$/.test(host)) return "http://localhost:3000";
  return `${proto === "https" ? "https" : "http"}://${host}`;
}

/** The public API's reference, rendered from the same OpenAPI document /api/openapi.json serves. */
export default async function ApiDocsPage() {
  const origin = await requestOrigin();
  const doc = buildOpenApiDocument() as { info: { description: string }; paths: Record<string, { get: Operation }> };
  return (
    <article className="flex flex-col gap-6">
      <header className="flex flex-col gap-2">
        <h1 className="text-2xl font-semibold">Public API</h1>
        <p className="max-w-3xl text-sm text-muted">{doc.info.description}</p>
        <p className="text-sm">
          Machine-readable:{" "}
          <a className="text-accent underline" href="/api/openapi.json">
            /api/openapi.json
          </a>{" "}
          (OpenAPI 3.1, generated from the zod schemas that validate the routes).
        </p>
        <nav aria-label="Notebooks and client" className="text-sm" data-testid="api-doc-files">
          Jupyter notebooks (Python, ALeRCE&apos;s client pointed at this server):{" "}
          {Object.keys(API_DOC_FILES)
            .filter((name) => name.endsWith(".ipynb"))
            .map((name, i) => (
              <span key={name}>
                {i > 0 && ", "}
                <a className="text-accent underline" href={`/api-docs/files/${name}`} download>
                  {name}
                </a>
              </span>
            ))}
          . Typed TypeScript client:{" "}
          <a className="text-accent underline" href="/api-docs/files/cielo-client.ts">
            cielo-client.ts
          </a>{" "}
          (with{" "}
          <a className="text-accent underline" href="/api-docs/files/example.ts">
            example.ts
          </a>
          ).
        </nav>
      </header>

      <section aria-labelledby="quick-start" className="rounded border border-line bg-panel p-4">
        <h2 id="quick-start" className="mb-2 text-sm font-semibold">
          Quick start
        </h2>
        <pre
          className="overflow-x-auto rounded bg-page p-3 font-mono text-xs"
          data-testid="api-quick-start"
        >{`curl '${origin}/api/ztf/v1/objects?classifier=stamp_classifier&class=SN&page_size=5&count=true'
curl '${origin}/api/ztf/v1/objects/ZTF20aafcnby/lightcurve'
curl -o s.fits.gz '${origin}/api/avro/get_stamp?oid=ZTF20aafcnby&candid=1127561441415015002&type=science&format=fits'`}</pre>
        <p className="mt-3 text-sm text-muted">
          ALeRCE&apos;s Python client (<code className="font-mono">pip install alerce</code>) works unchanged: save this as a JSON file and
          set <code className="font-mono">ALERCE_CONFIG_PATH</code> to it.
        </p>
        <pre className="mt-2 overflow-x-auto rounded bg-page p-3 font-mono text-xs">{alerceConfig(origin)}</pre>
      </section>

      {Object.entries(doc.paths).map(([path, { get }]) => (
        <section key={path} aria-label={path} className="rounded border border-line bg-panel p-4">
          <h2 className="break-all font-mono text-sm font-semibold">
            <span className="mr-2 rounded bg-accent-soft px-1.5 py-0.5 text-xs text-accent">GET</span>
            {path}
          </h2>
          <p className="mt-1 text-sm text-muted">{get.summary}</p>
          {get.parameters && get.parameters.length > 0 && (
            <div className="mt-3 overflow-x-auto">
              <table className="w-full text-left text-xs">
                <thead className="text-muted">
                  <tr>
                    <th scope="col" className="py-1 pr-3">
                      parameter
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      in
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      type
                    </th>
                    <th scope="col" className="w-1/2 py-1">
                      description
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {get.parameters.map((p) => (
                    <tr key={`${p.in}-${p.name}`} className="border-t border-line align-top">
                      <td className="py-1 pr-3 font-mono">
                        {p.name}
                        {p.required ? <span className="text-accent">*</span> : null}
                      </td>
                      <td className="py-1 pr-3">{p.in}</td>
                      <td className="py-1 pr-3 font-mono break-words">{describeSchema(p.schema)}</td>
                      <td className="py-1">{p.description}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted">
            {Object.entries(get.responses).map(([status, r]) => (
              <li key={status}>
                <span className="font-mono text-ink">{status}</span> {r.description}
                {r.content
                  ? ` (${Object.entries(r.content)
                      .map(([type, c]) => `${type}${c.schema ? `: ${describeSchema(c.schema)}` : ""}`)
                      .join(", ")})`
                  : ""}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </article>
  );
}
