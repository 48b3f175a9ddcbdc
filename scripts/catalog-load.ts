// `npm run catalog:load -- <name> <file> [options]`: loads a catalog (CSV, FITS binary table or
// VOTable, optionally .gz) into the database the app uses, replacing the previous version of that
// catalog atomically, then crossmatches the objects already stored against it. See docs/catalogs.md.
import { parseArgs } from "node:util";
import { z } from "zod";
import { crossmatchAllObjects } from "../lib/catalogs/crossmatch-all-objects";
import { CatalogLoadError, loadCatalog, type LoadProgress } from "../lib/catalogs/load-catalog";
import { createDb } from "../lib/server/db";
import { getEnv } from "../lib/server/env";
import { openDatabase } from "../lib/server/open-database";

const USAGE = `usage: npm run catalog:load -- <name> <file> [more files] [options]

  <name>                  catalog name (lowercase: allwise, gaia_dr3, ps1 ...), used by the API and xmatch.catid
  <file>                  .csv/.tsv, .fits, .vot/.xml (optionally .gz); several files with the same columns
                          are loaded together as one catalog (e.g. every gaia_source part)
  --format F              csv | fits | votable (default: from the extension)
  --id COL --ra COL --dec COL   source columns (default: guessed from common names)
  --coords C              deg | sexagesimal (RA in hours) | auto (default)
  --columns A,B,...       numeric columns to keep, e.g. magnitudes (default: every column with "mag" in its name)
  --units A=mag,B=mJy     units of kept columns (default: the file's, else mag)
  --class COL --period COL   class label and period (days) columns, stored in xmatch
  --delimiter D           CSV delimiter (default: detected; "tab" for tabs)
  --header A,B,...        column names (comma-separated) of header-less CSV files: every line is data
  --radius ARCSEC         default crossmatch radius of the catalog's API (default 2)
  --zone-height DEG       height of the index zones (default 0.05)
  --description TEXT      shown in /api/catshtm/catalogs
  --max-bad-rows N        fail (keeping the previous version) beyond N bad rows (default: no limit)
  --no-rematch            do not crossmatch the stored objects after the load`;

const { values, positionals } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  allowPositionals: true,
  options: {
    format: { type: "string" },
    id: { type: "string" },
    ra: { type: "string" },
    dec: { type: "string" },
    coords: { type: "string" },
    columns: { type: "string" },
    units: { type: "string" },
    class: { type: "string" },
    period: { type: "string" },
    delimiter: { type: "string" },
    header: { type: "string" },
    radius: { type: "string" },
    "zone-height": { type: "string" },
    description: { type: "string" },
    "max-bad-rows": { type: "string" },
    "no-rematch": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help || positionals.length < 2) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

const list = (text: string | undefined) =>
  text
    ?.split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const argsSchema = z.object({
  format: z.enum(["csv", "fits", "votable"]).optional(),
  coords: z.enum(["deg", "sexagesimal", "auto"]).optional(),
  radius: z.coerce.number().min(0).max(3600).optional(),
  zoneHeight: z.coerce.number().gt(0).max(10).optional(),
  maxBadRows: z.coerce.number().int().min(0).optional(),
});
const parsed = argsSchema.safeParse({
  format: values.format,
  coords: values.coords,
  radius: values.radius,
  zoneHeight: values["zone-height"],
  maxBadRows: values["max-bad-rows"],
});
if (!parsed.success) {
  console.error(parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join("\n"));
  process.exit(2);
}
const units = Object.fromEntries((list(values.units) ?? []).map((pair) => pair.split("=", 2) as [string, string]));
const [name, ...files] = positionals as [string, ...string[]];
const delimiter = values.delimiter === "tab" ? "\t" : values.delimiter;

function bar(p: LoadProgress): string {
  const fraction = p.bytesTotal > 0 ? Math.min(1, p.bytesRead / p.bytesTotal) : 0;
  const width = 30;
  const filled = Math.round(fraction * width);
  const rate = p.rows / Math.max(p.elapsedMs / 1000, 1e-3);
  const phase = p.phase === "reading" ? "" : ` ${p.phase}`;
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${(fraction * 100).toFixed(1)}% ${p.rows} rows, ${p.badRows} bad, ${rate.toFixed(0)} rows/s${phase}`;
}
let lastDraw = 0;
function onProgress(p: LoadProgress): void {
  const now = Date.now();
  if (p.phase === "reading" && now - lastDraw < (process.stderr.isTTY ? 200 : 5000)) return;
  lastDraw = now;
  if (process.stderr.isTTY) process.stderr.write(`\r${bar(p)}   `);
  else process.stderr.write(`${bar(p)}\n`);
}

const database = await openDatabase({ log: (line) => console.error(line) });
const db = createDb(database.url, { maxConnections: 3 });
let code = 0;
try {
  const result = await loadCatalog(db.pool, {
    name,
    file: files,
    format: parsed.data.format,
    delimiter,
    header: values.header?.split(",").map((c) => c.trim()),
    mapping: {
      id: values.id,
      ra: values.ra,
      dec: values.dec,
      coords: parsed.data.coords,
      columns: list(values.columns),
      units,
      class: values.class,
      period: values.period,
    },
    zoneHeightDeg: parsed.data.zoneHeight,
    defaultRadiusArcsec: parsed.data.radius,
    description: values.description,
    maxBadRows: parsed.data.maxBadRows,
    onProgress,
  });
  if (process.stderr.isTTY) process.stderr.write("\n");
  const m = result.mappedFrom;
  console.log(
    `loaded ${result.name}: ${result.rows} rows in ${result.seconds.toFixed(1)} s (${result.rowsPerSecond.toFixed(0)} rows/s) from ${files.length === 1 ? files[0] : `${files.length} files`}\n` +
      `  id=${m.id} ra=${m.ra} dec=${m.dec}${m.class ? ` class=${m.class}` : ""}${m.period ? ` period=${m.period}` : ""}` +
      ` columns=${result.columns.map((c) => `${c.name}[${c.unit}]`).join(",") || "(none)"}`,
  );
  if (result.badRows > 0) {
    console.log(`  ${result.badRows} bad rows skipped:`);
    for (const bad of result.badRowSamples.slice(0, 20))
      console.log(`    ${bad.file ? `${bad.file} ` : ""}${result.position} ${bad.line}: ${bad.reason}`);
    if (result.badRows > 20) console.log(`    ... and ${result.badRows - 20} more`);
  }
  if (!values["no-rematch"]) {
    const rematch = await crossmatchAllObjects(db.pool, result.name, getEnv().CIELO_XMATCH_RADIUS_ARCSEC);
    console.log(
      `  crossmatched ${rematch.objects} stored objects: ${rematch.matches} with a counterpart within ${getEnv().CIELO_XMATCH_RADIUS_ARCSEC}″`,
    );
  }
} catch (error) {
  if (process.stderr.isTTY) process.stderr.write("\n");
  console.error(error instanceof CatalogLoadError || error instanceof Error ? error.message : error);
  if (error instanceof CatalogLoadError)
    for (const bad of error.badRowSamples.slice(0, 20))
      console.error(`  ${bad.file ? `${bad.file} ` : ""}${error.position} ${bad.line}: ${bad.reason}`);
  code = 1;
} finally {
  await db.close();
  await database.server.stop();
}
process.exit(code);
