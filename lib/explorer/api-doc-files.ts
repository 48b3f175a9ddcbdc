/**
 * The API's example notebooks and the TypeScript client, downloadable from the API docs page. Only
 * these files (a fixed list: the name picks one, it never becomes a path).
 */
export const API_DOC_FILES = {
  "01-query-objects-by-class.ipynb": "docs/notebooks/01-query-objects-by-class.ipynb",
  "02-light-curve.ipynb": "docs/notebooks/02-light-curve.ipynb",
  "03-stamps.ipynb": "docs/notebooks/03-stamps.ipynb",
  "04-cone-search.ipynb": "docs/notebooks/04-cone-search.ipynb",
  "cielo-client.ts": "clients/typescript/cielo-client.ts",
  "example.ts": "clients/typescript/example.ts",
} as const satisfies Record<string, string>;
