import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

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
