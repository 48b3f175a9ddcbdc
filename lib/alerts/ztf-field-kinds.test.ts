import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readAvroContainer } from "../avro/read-avro-container";
import { ALERT_FIXTURES_DIR } from "../../tests/support/alert-fixtures";
import { CANDIDATE_FIELD_KINDS, FP_HIST_FIELD_KINDS, PRV_CANDIDATE_FIELD_KINDS, type ZtfFieldKind } from "./ztf-field-kinds";

type SchemaNode =
  string | SchemaNode[] | { type: SchemaNode; name?: string; fields?: { name: string; type: SchemaNode }[]; items?: SchemaNode };

/** Field name -> Avro primitive, for the record reached through the given alert field. */
function subRecordFields(schema: SchemaNode, alertField: string): Map<string, string> {
  const root = schema as { fields: { name: string; type: SchemaNode }[] };
  let node = root.fields.find((f) => f.name === alertField)?.type;
  const unwrap = (n: SchemaNode | undefined): SchemaNode | undefined => (Array.isArray(n) ? n.find((b) => b !== "null") : n);
  node = unwrap(node);
  if (node && typeof node === "object" && !Array.isArray(node) && node.type === "array") node = unwrap(node.items);
  if (!node || typeof node !== "object" || Array.isArray(node) || !node.fields) throw new Error(`no record under ${alertField}`);
  return new Map(node.fields.map((f) => [f.name, String(unwrap(f.type))]));
}

const KIND_OF_AVRO: Record<string, ZtfFieldKind[]> = {
  long: ["id"],
  int: ["int"],
  float: ["float"],
  double: ["float"],
  string: ["string", "isdiffpos"],
};

describe("ZTF field-kind tables", () => {
  // The BOOM packet embeds the full v4.02 writer schema (ztf.alert with fp_hists).
  const { writerSchema } = readAvroContainer(fs.readFileSync(path.join(ALERT_FIXTURES_DIR, "samples/boom/2695378462115010012.avro")));

  it.each([
    ["candidate", CANDIDATE_FIELD_KINDS],
    ["prv_candidates", PRV_CANDIDATE_FIELD_KINDS],
    ["fp_hists", FP_HIST_FIELD_KINDS],
  ] as const)("match the v4.02 %s record field by field", (alertField, kinds) => {
    const fields = subRecordFields(writerSchema as SchemaNode, alertField);
    expect(Object.keys(kinds).sort()).toEqual([...fields.keys()].sort());
    for (const [name, avroType] of fields)
      expect(KIND_OF_AVRO[avroType], `${alertField}.${name}`).toContain(kinds[name as keyof typeof kinds]);
  });
});
