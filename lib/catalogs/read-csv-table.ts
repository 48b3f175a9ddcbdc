// Streaming CSV (RFC 4180: quoted fields with "" escapes and embedded newlines; comma, tab,
// semicolon or | delimited, detected from the header; `#` comment lines before the header skipped).
import { StringDecoder } from "node:string_decoder";
import { CatalogFileError, openFileStream, type TableRecord, type TableSource } from "./table-source";

const DELIMITERS = [",", "\t", ";", "|"] as const;

function detectDelimiter(header: string): string {
  let best: string = ",";
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = header.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/**
 * Splits one record that starts with `text` (one physical line). Returns null when a quoted field
 * is still open at the end, i.e. the record continues on the next line.
 */
export function splitCsvRecord(text: string, delimiter: string): string[] | null {
  if (!text.includes('"')) return text.split(delimiter);
  const fields: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  let fieldStart = true;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (text.startsWith(delimiter, i)) {
      fields.push(field);
      field = "";
      fieldStart = true;
      i += delimiter.length;
      continue;
    } else {
      field += ch;
      fieldStart = false;
    }
    i += 1;
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}

/** Physical lines of a text stream, with their 1-based numbers (CR LF and LF endings). */
async function* numberedLines(stream: NodeJS.ReadableStream): AsyncGenerator<[number, string]> {
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let line = 0;
  for await (const chunk of stream) {
    rest += typeof chunk === "string" ? chunk : decoder.write(chunk as Buffer);
    let start = 0;
    for (let nl = rest.indexOf("\n", start); nl >= 0; nl = rest.indexOf("\n", start)) {
      const end = nl > start && rest.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield [++line, rest.slice(start, end)];
      start = nl + 1;
    }
    rest = rest.slice(start);
  }
  rest += decoder.end();
  if (rest.length > 0) yield [++line, rest.endsWith("\r") ? rest.slice(0, -1) : rest];
}

/** TNS's public CSV (tns_public_objects.csv) starts with one line holding the dump's date and time. */
const DUMP_DATE_LINE = /^"?\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?"?$/;

/**
 * Opens a CSV file (optionally .gz) as a table: the first non-comment line is the header (a lone
 * date-and-time line before it, as TNS's public CSV has, is skipped).
 */
export async function readCsvTable(file: string, options: { delimiter?: string; header?: string[] } = {}): Promise<TableSource> {
  const { stream, bytesRead, bytesTotal, sha256, close } = openFileStream(file);
  const lines = numberedLines(stream)[Symbol.asyncIterator]();
  // Header-less files: the names come from the caller, the delimiter from the option (default ",").
  let header: string | undefined = options.header ? options.header.join(options.delimiter ?? ",") : undefined;
  while (header === undefined) {
    const next = await lines.next();
    if (next.done) break;
    const text = next.value[1];
    if (text.trim() === "" || text.startsWith("#") || DUMP_DATE_LINE.test(text.trim())) continue;
    header = text.replace(/^\uFEFF/, "");
    break;
  }
  if (header === undefined) {
    close();
    throw new CatalogFileError(`${file}: no header line (the first line must name the columns)`);
  }
  const delimiter = options.delimiter ?? detectDelimiter(header);
  const columns = (splitCsvRecord(header, delimiter) ?? []).map((c) => c.trim());
  if (columns.length === 0 || columns.some((c) => c === "")) {
    close();
    throw new CatalogFileError(`${file}: the header has an empty or unreadable column name`);
  }

  async function* records(): AsyncGenerator<TableRecord> {
    let pending: { line: number; text: string } | null = null;
    for (;;) {
      const next = await lines.next();
      if (next.done) break;
      const [line, text] = next.value;
      const record: { line: number; text: string } = pending ? { line: pending.line, text: `${pending.text}\n${text}` } : { line, text };
      pending = null;
      if (record.text.trim() === "") continue;
      const fields = splitCsvRecord(record.text, delimiter);
      if (fields === null) {
        // An open quote: the record goes on, unless it has swallowed an absurd number of lines.
        if (line - record.line < 100) {
          pending = record;
          continue;
        }
        yield { line: record.line, values: [], error: "unterminated quoted field" };
        continue;
      }
      if (fields.length !== columns.length) {
        yield { line: record.line, values: fields, error: `${fields.length} fields where the header has ${columns.length}` };
        continue;
      }
      yield { line: record.line, values: fields };
    }
    if (pending) yield { line: pending.line, values: [], error: "unterminated quoted field at the end of the file" };
  }

  return { format: "csv", position: "line", columns, units: {}, records: records(), bytesRead, bytesTotal, sha256, close };
}
