import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layering rules (docs/decisions/0017-layering.md). Imports are written relative or with "@/";
// each regex matches both spellings of a top-level folder. scripts/check-import-graph.ts checks the
// resolved graph (and the two-way ties among lib/* folders) in `npm test`.
const topLevel = (folders) => `^(@/|(\\.\\./)+)(${folders.join("|")})(/|$)`;
const libMayNotImport = (folders) => ({
  regex: topLevel(folders),
  message: "lib/ is the domain layer: it must not import app/, components/, workers/, scripts/ or training/ (ADR 0017).",
});
const layeringRules = [
  {
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    ignores: ["lib/**/*.test.ts", "lib/generated/**"],
    rules: {
      // A computed import("...") hides its edge from this rule and from the import-graph check.
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportExpression[source.type!='Literal']",
          message: "lib/ imports modules by literal specifiers only, so the layering checks see every edge (ADR 0017).",
        },
      ],
      "no-restricted-imports": ["error", { patterns: [libMayNotImport(["app", "components", "workers", "scripts", "training", "tests"])] }],
    },
  },
  {
    // Tests of lib/ may use the shared harnesses (tests/support) and training/'s model fixtures.
    files: ["lib/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            libMayNotImport(["app", "components", "workers", "scripts"]),
            { regex: "^(@/|(\\.\\./)+)tests/(?!support/)", message: "lib/ tests import test harnesses from tests/support/ only." },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "pg", message: "components/ never touch the database: the page reads through lib/ and passes data as props." }],
          patterns: [
            {
              regex: "^(@/|(\\.\\./)+)lib/(server|db|generated/prisma)(/|$)",
              message: "components/ never touch the server modules or the database: the page reads through lib/ and passes data as props.",
            },
            {
              regex: topLevel(["app"]),
              message: "components/ must not import app/: the page passes server actions to client components as props.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["workers/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: topLevel(["app", "components"]), message: "workers/ compose lib/; they must not import app/ or components/." },
          ],
        },
      ],
    },
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", ".data/**", "node_modules/**", "lib/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  ...layeringRules,
  // Errors and logs (docs/decisions/0016-errors-and-logs.md): runtime code logs through
  // lib/server/logger.ts, never the console. scripts/ are CLIs whose console output is their product
  // (progress lines, bench figures, usage); browser code may use the console only with a reasoned
  // eslint-disable comment (no server logger exists there).
  {
    files: ["lib/**/*.{ts,tsx}", "app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "workers/**/*.{ts,tsx}"],
    rules: { "no-console": "error" },
  },
];

export default config;
