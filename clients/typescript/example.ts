// Example: `node --import tsx clients/typescript/example.ts http://localhost:3000`
import { CieloApiError, CieloClient } from "./cielo-client";

const client = new CieloClient(process.argv[2] ?? "http://localhost:3000");

const classifiers = await client.listClassifiers();
console.log("classifiers:", classifiers.map((c) => `${c.classifier_name} ${c.classifier_version}: ${c.classes.join(", ")}`).join("; "));

const sn = await client.searchObjects({
  classifier: "stamp_classifier",
  class_name: "SN",
  order_by: "probability",
  order_mode: "DESC",
  page_size: 5,
  count: true,
});
console.log(`${sn.total} objects whose top stamp class is SN; the most probable:`);
for (const o of sn.items)
  console.log(`  ${o.oid}  p=${o.probability?.toFixed(3)}  ndet=${o.ndet}  ra=${o.meanra.toFixed(5)} dec=${o.meandec.toFixed(5)}`);

const oid = sn.items[0]?.oid ?? "ZTF20aafcnby";
const lightcurve = await client.getLightcurve(oid);
const perBand = new Map<string, number>();
for (const d of lightcurve.detections) {
  const band = d.fid === 1 ? "g" : d.fid === 2 ? "r" : "i";
  perBand.set(band, (perBand.get(band) ?? 0) + 1);
}
const bands = [...perBand].map(([band, n]) => `${band}: ${n}`).join(", ");
console.log(`${oid}: ${lightcurve.detections.length} detections (${bands}), ${lightcurve.non_detections.length} upper limits`);

const object = await client.getObject(oid);
const cone = await client.searchObjects({ ra: object.meanra, dec: object.meandec, radius: 60 });
console.log(`within 60" of ${oid}: ${cone.items.map((o) => o.oid).join(", ")}`);

const withStamp = lightcurve.detections.find((d) => d.has_stamp);
if (withStamp) console.log(`science stamp of ${withStamp.candid}: ${client.stampUrl(oid, withStamp.candid, "science")}`);

try {
  await client.searchObjects({ page_size: 5000 });
} catch (error) {
  if (error instanceof CieloApiError) console.log("a bad request is a CieloApiError:", error.status, error.errors);
}
