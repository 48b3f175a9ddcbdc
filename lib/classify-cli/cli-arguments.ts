import { parseArgs } from "node:util";

/** What both classify commands take: input paths, an optional JSONL output and a model folder. */
export interface ClassifyCliArguments {
  targets: string[];
  out: string | undefined;
  modelDir: string;
}

/**
 * Parses `<input> [more ...] [--out file.jsonl] [--dir model-folder]`. On a usage error it prints
 * the error and `usage` to stderr and exits 2 (0 for --help): these are command-line entry points.
 */
export function parseClassifyCliArguments(argv: string[], usage: string, defaultModelDir: string): ClassifyCliArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { out: { type: "string" }, dir: { type: "string", default: defaultModelDir }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    process.exit(2);
  }
  const targets = parsed.positionals.filter((a) => a !== "--");
  if (parsed.values.help || targets.length === 0) {
    process.stderr.write(`${usage}\n`);
    process.exit(parsed.values.help ? 0 : 2);
  }
  return { targets, out: parsed.values.out, modelDir: parsed.values.dir };
}
