import fs from "node:fs/promises";
import path from "node:path";
import { API_DOC_FILES } from "@/lib/explorer/api-doc-files";

export async function GET(_request: Request, { params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  const relative = Object.hasOwn(API_DOC_FILES, name) ? API_DOC_FILES[name as keyof typeof API_DOC_FILES] : null;
  if (!relative)
    return Response.json({ message: `no file "${name.slice(0, 60)}"; files: ${Object.keys(API_DOC_FILES).join(", ")}` }, { status: 404 });
  const body = await fs.readFile(path.join(process.cwd(), relative));
  return new Response(body, {
    headers: {
      "content-type": name.endsWith(".ipynb") ? "application/x-ipynb+json" : "text/plain; charset=utf-8",
      "content-disposition": `${name.endsWith(".ipynb") ? "attachment" : "inline"}; filename="${name}"`,
      "cache-control": "public, max-age=3600",
    },
  });
}
