// Streaming VOTable reader (IVOA VOTable 1.x, TABLEDATA serialisation) on saxes: the first TABLE's
// FIELDs name the columns, each TR is one record numbered by the line its <TR> starts on.
import { SaxesParser } from "saxes";
import { CatalogFileError, openFileStream, type TableRecord, type TableSource } from "./table-source";

/** Opens the first TABLE of a VOTable file (optionally .gz). */
export async function readVotable(file: string): Promise<TableSource> {
  const { stream, bytesRead, bytesTotal, sha256, close } = openFileStream(file);
  const parser = new SaxesParser({ position: true });
  const iterator = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const decoder = new TextDecoder("utf-8");

  const columns: string[] = [];
  const units: Record<string, string> = {};
  const queue: TableRecord[] = [];
  let tableDepth = 0;
  let tablesSeen = 0;
  let inData = false;
  let headerDone = false;
  let row: string[] | null = null;
  let rowLine = 0;
  let cell: string | null = null;
  let failure: Error | null = null;

  parser.on("opentag", (tag) => {
    const name = (tag.local ?? tag.name).toUpperCase();
    if (name === "TABLE") {
      tablesSeen += 1;
      if (tablesSeen === 1) tableDepth = 1;
      return;
    }
    if (tableDepth !== 1 || tablesSeen !== 1) return;
    if (name === "FIELD" && !inData) {
      const attr = (key: string) => {
        const value = tag.attributes[key];
        return typeof value === "string" ? value : value?.value;
      };
      const fieldName = attr("name") ?? attr("ID") ?? `col${columns.length + 1}`;
      columns.push(fieldName);
      const unit = attr("unit");
      if (unit) units[fieldName] = unit;
    } else if (name === "DATA") {
      inData = true;
      headerDone = true;
    } else if (name === "BINARY" || name === "BINARY2" || name === "FITS") {
      failure = new CatalogFileError(`${file}: VOTable ${name} serialisation is not supported; export the table as TABLEDATA (or FITS / CSV)`);
    } else if (name === "TR" && inData) {
      row = [];
      rowLine = parser.line;
    } else if (name === "TD" && row) {
      cell = "";
    }
  });
  parser.on("text", (text) => {
    if (cell !== null) cell += text;
  });
  parser.on("cdata", (text) => {
    if (cell !== null) cell += text;
  });
  parser.on("closetag", (tag) => {
    const name = (tag.local ?? tag.name).toUpperCase();
    if (name === "TD" && row && cell !== null) {
      row.push(cell.trim());
      cell = null;
    } else if (name === "TR" && row) {
      const values = row;
      row = null;
      if (values.length !== columns.length) {
        queue.push({ line: rowLine, values, error: `${values.length} TD cells where the table has ${columns.length} FIELDs` });
      } else queue.push({ line: rowLine, values });
    } else if (name === "TABLE" && tableDepth === 1) {
      tableDepth = 2;
      inData = false;
    }
  });
  parser.on("error", (error) => {
    failure = new CatalogFileError(`${file}: not well-formed XML: ${error.message}`);
  });

  /** Feeds the parser until the predicate holds or the file ends; false at the end of the file. */
  async function pump(until: () => boolean): Promise<boolean> {
    while (!until()) {
      if (failure) throw failure;
      const next = await iterator.next();
      if (next.done) {
        parser.write(decoder.decode());
        parser.close();
        if (failure) throw failure;
        return false;
      }
      parser.write(decoder.decode(next.value, { stream: true }));
    }
    if (failure) throw failure;
    return true;
  }

  try {
    await pump(() => headerDone || tableDepth === 2);
    if (tablesSeen === 0) throw new CatalogFileError(`${file}: no TABLE element (is it a VOTable?)`);
    if (columns.length === 0) throw new CatalogFileError(`${file}: the first TABLE has no FIELD elements`);
  } catch (error) {
    close();
    throw error;
  }

  async function* records(): AsyncGenerator<TableRecord> {
    for (;;) {
      if (queue.length > 0) yield* queue.splice(0);
      if (tableDepth === 2) return;
      const more = await pump(() => queue.length > 0 || tableDepth === 2);
      if (!more && queue.length === 0) return;
    }
  }

  return { format: "votable", position: "line", columns, units, records: records(), bytesRead, bytesTotal, sha256, close };
}
