import path from "node:path";
import { readCsvTable } from "./read-csv-table";
import { readFitsTable } from "./read-fits-table";
import { readVotable } from "./read-votable";
import { CatalogFileError, type TableSource } from "./table-source";

export type TableFormat = TableSource["format"];

/** The format named by the file's extension (.csv/.tsv/.txt, .fits/.fit/.fits.gz, .vot/.xml ...). */
export function formatOfFile(file: string): TableFormat {
  const name = path.basename(file).toLowerCase().replace(/\.gz$/, "");
  if (/\.(csv|tsv|txt|dat|psv)$/.test(name)) return "csv";
  if (/\.(fits|fit|fts)$/.test(name)) return "fits";
  if (/\.(vot|votable|xml)$/.test(name)) return "votable";
  throw new CatalogFileError(`cannot tell the format of ${path.basename(file)} from its extension: pass --format csv|fits|votable`);
}

/** Opens a catalog file as a stream of records. */
export function openTableFile(
  file: string,
  format: TableFormat = formatOfFile(file),
  options: { delimiter?: string; header?: string[] } = {},
): Promise<TableSource> {
  switch (format) {
    case "csv":
      return readCsvTable(file, options);
    case "fits":
      return readFitsTable(file);
    case "votable":
      return readVotable(file);
  }
}
