// Streaming VOTable reader (IVOA VOTable 1.x) on saxes: the first TABLE's FIELDs name the columns.
// TABLEDATA: each TR is one record numbered by the line its <TR> starts on. BINARY / BINARY2 (an
// inline base64 STREAM, what TAP services and the Gaia archive send): records numbered by row.
import { SaxesParser } from "saxes";
import { CatalogFileError, openFileStream, type RawValue, type TableRecord, type TableSource } from "./table-source";
import { binaryRowReader, type VotableField, VotableFieldError } from "./votable-binary";

/** Opens the first TABLE of a VOTable file (optionally .gz). */
export async function readVotable(file: string): Promise<TableSource> {
  const { stream, bytesRead, bytesTotal, sha256, close } = openFileStream(file);
  const parser = new SaxesParser({ position: true });
  const iterator = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const decoder = new TextDecoder("utf-8");

  const columns: string[] = [];
  const fields: VotableField[] = [];
  const units: Record<string, string> = {};
  let serialization: "TABLEDATA" | "BINARY" | "BINARY2" | null = null;
  let inStream = false;
  let base64 = "";
  let binary: Buffer = Buffer.alloc(0);
  let readRow: ReturnType<typeof binaryRowReader> | null = null;
  let binaryRows = 0;
  const queue: TableRecord[] = [];
  let tableDepth = 0;
  let tablesSeen = 0;
  let inData = false;
  let headerDone = false;
  let row: RawValue[] | null = null;
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
      fields.push({ name: fieldName, datatype: attr("datatype") ?? "char", arraysize: attr("arraysize") ?? "", nullValue: null });
      const unit = attr("unit");
      if (unit) units[fieldName] = unit;
    } else if (name === "VALUES" && !inData && fields.length > 0) {
      const value = tag.attributes.null;
      const nullValue = typeof value === "string" ? value : value?.value;
      if (nullValue !== undefined) fields[fields.length - 1]!.nullValue = nullValue;
    } else if (name === "DATA") {
      inData = true;
    } else if (inData && (name === "TABLEDATA" || name === "BINARY" || name === "BINARY2")) {
      serialization = name;
      headerDone = true;
      if (name !== "TABLEDATA") {
        try {
          readRow = binaryRowReader(fields, name === "BINARY2");
        } catch (error) {
          failure = new CatalogFileError(`${file}: ${error instanceof VotableFieldError ? error.message : String(error)}`);
        }
      }
    } else if (inData && name === "FITS") {
      failure = new CatalogFileError(
        `${file}: VOTable FITS serialisation is not supported; load the FITS file itself, or export TABLEDATA / BINARY2 / CSV`,
      );
    } else if (name === "STREAM" && (serialization === "BINARY" || serialization === "BINARY2")) {
      const href = tag.attributes.href;
      if (href)
        failure = new CatalogFileError(`${file}: the table's STREAM points to another file (href); only inline base64 streams are read`);
      inStream = true;
    } else if (name === "TR" && inData) {
      row = [];
      rowLine = parser.line;
    } else if (name === "TD" && row) {
      cell = "";
    }
  });
  /** Decodes the base64 received so far and queues every complete binary row. */
  function drainBinary(final: boolean): void {
    const clean = base64.replace(/\s+/g, "");
    const usable = final ? clean.length : clean.length - (clean.length % 4);
    base64 = clean.slice(usable);
    if (usable > 0)
      binary = binary.length
        ? Buffer.concat([binary, Buffer.from(clean.slice(0, usable), "base64")])
        : Buffer.from(clean.slice(0, usable), "base64");
    let at = 0;
    for (;;) {
      const row = readRow!(binary, at);
      if (!row) break;
      binaryRows += 1;
      queue.push({ line: binaryRows, values: row.values });
      at = row.next;
    }
    binary = binary.subarray(at);
    if (final && binary.length > 0) {
      queue.push({ line: binaryRows + 1, values: [], error: `the binary stream ends inside a row (${binary.length} bytes left)` });
      binary = Buffer.alloc(0);
    }
  }

  parser.on("text", (text) => {
    if (cell !== null) cell += text;
    else if (inStream) {
      base64 += text;
      if (base64.length >= 1 << 16) drainBinary(false);
    }
  });
  parser.on("cdata", (text) => {
    if (cell !== null) cell += text;
  });
  parser.on("closetag", (tag) => {
    const name = (tag.local ?? tag.name).toUpperCase();
    if (name === "STREAM" && inStream) {
      inStream = false;
      drainBinary(true);
    } else if (name === "TD" && row && cell !== null) {
      const text = cell.trim();
      const field = fields[row.length];
      row.push(field?.nullValue !== null && field?.nullValue !== undefined && text === field.nullValue ? null : text);
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

  const position = serialization === "BINARY" || serialization === "BINARY2" ? "row" : "line";
  return { format: "votable", position, columns, units, records: records(), bytesRead, bytesTotal, sha256, close };
}
