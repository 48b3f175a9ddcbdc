// `node --import tsx scripts/report-stamps-real.ts [--alerts /work/shared/data/ztf-alerts] [--dir models/stamp_classifier/1.0.0]`:
// classifies the real ZTF alerts of every alert set (one sub-directory per set) with the exported
// stamp classifier (onnxruntime-node), prints the class distribution per set, appends a
// "How it classifies real ZTF alerts" section to MODEL_CARD.md and writes
// real-alerts-contact-sheet.png: the 8 top-scored SN (left block) and the 8 top-scored bogus (right
// block), each row science | reference | difference (zscale, north-up display convention as
// renderStampPng). Alerts without all three cutouts, or with non-FITS cutouts, are skipped.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import * as ort from "onnxruntime-node";
import { readAlertFile } from "../lib/alerts/read-alert-file";
import { detectCutoutFormat, isdiffposSign, type ZtfAlert } from "../lib/alerts/ztf-alert";
import { readFitsImage } from "../lib/fits/read-fits-image";
import { readStampModelManifest, stampModelDir } from "../lib/classifiers/stamp/model-manifest";
import { STAMP_CLASSES } from "../lib/classifiers/stamp/stamp-classes";
import { rawStampFeatures, scaleStampFeatures, STAMP_FEATURES, type StampMetadataInput } from "../lib/classifiers/stamp/stamp-features";
import { type StampImage, stampTensor } from "../lib/stamps/preprocess-stamps";
import { encodeGrayPng, stampDisplayLimits } from "../lib/stamps/render-stamp-png";
import { predictStampOnnx } from "../training/stamp/evaluate-stamp-model";

const { values } = parseArgs({
  options: {
    alerts: { type: "string", default: "/work/shared/data/ztf-alerts" },
    dir: { type: "string", default: stampModelDir() },
    top: { type: "string", default: "8" },
    scale: { type: "string", default: "2" },
  },
  allowPositionals: true,
});
const alertsRoot = path.resolve(values.alerts);
const dir = path.resolve(values.dir);
const topN = Number(values.top);
const scale = Number(values.scale);
const manifest = readStampModelManifest(dir);

type Images = { science: StampImage; template: StampImage; difference: StampImage };
type Row = {
  ssdistnr: number | null;
  set: string;
  file: string;
  objectId: string;
  candid: string;
  images: Images;
  tensor: Float32Array;
  meta: Float32Array;
  isdiffpos: string;
  magpsf: number;
  sgscore1: number | null;
  distpsnr1: number | null;
};

function metadataOf(alert: ZtfAlert): StampMetadataInput {
  const c = alert.candidate as Record<string, unknown> & ZtfAlert["candidate"];
  const num = (key: string) => (typeof c[key] === "number" ? (c[key] as number) : null);
  return {
    sgscore1: num("sgscore1"),
    distpsnr1: num("distpsnr1"),
    sgscore2: num("sgscore2"),
    distpsnr2: num("distpsnr2"),
    sgscore3: num("sgscore3"),
    distpsnr3: num("distpsnr3"),
    isdiffpos: isdiffposSign(c.isdiffpos as string | null | undefined) ?? "t",
    fwhm: num("fwhm"),
    magpsf: c.magpsf,
    sigmapsf: c.sigmapsf,
    ra: c.ra,
    dec: c.dec,
    diffmaglim: num("diffmaglim"),
    classtar: num("classtar"),
    ndethist: num("ndethist"),
    ncovhist: num("ncovhist"),
    chinr: num("chinr"),
    sharpnr: num("sharpnr"),
  };
}

const sets = fs
  .readdirSync(alertsRoot, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== "malformed")
  .map((d) => d.name)
  .sort();
const rows: Row[] = [];
const skipped: Record<string, { noCutouts: number; notFits: number; undecodable: number; rejected: number; duplicate: number }> = {};
const seen = new Set<string>();
for (const set of sets) {
  const skip = (skipped[set] = { noCutouts: 0, notFits: 0, undecodable: 0, rejected: 0, duplicate: 0 });
  const files = fs
    .readdirSync(path.join(alertsRoot, set))
    .filter((f) => f.endsWith(".avro"))
    .sort();
  for (const file of files) {
    const result = readAlertFile(fs.readFileSync(path.join(alertsRoot, set, file)), `${set}/${file}`);
    skip.rejected += result.rejected.length;
    for (const { alert } of result.alerts) {
      const { science, template, difference } = alert.cutouts;
      if (!science || !template || !difference) {
        skip.noCutouts++;
        continue;
      }
      if ([science, template, difference].some((c) => detectCutoutFormat(c.stampData) !== "fits.gz")) {
        skip.notFits++;
        continue;
      }
      const candid = String(alert.candid);
      if (seen.has(candid)) {
        skip.duplicate++;
        continue;
      }
      try {
        const images = {
          science: readFitsImage(science.stampData),
          template: readFitsImage(template.stampData),
          difference: readFitsImage(difference.stampData),
        };
        const c = alert.candidate as Record<string, unknown>;
        rows.push({
          set,
          file,
          objectId: alert.objectId,
          candid,
          images,
          ssdistnr: typeof c.ssdistnr === "number" ? c.ssdistnr : null,
          tensor: stampTensor(images),
          meta: scaleStampFeatures(rawStampFeatures(metadataOf(alert)), manifest.scaling),
          isdiffpos: String(c.isdiffpos ?? "?"),
          magpsf: alert.candidate.magpsf,
          sgscore1: typeof c.sgscore1 === "number" ? c.sgscore1 : null,
          distpsnr1: typeof c.distpsnr1 === "number" ? c.distpsnr1 : null,
        });
        seen.add(candid);
      } catch {
        skip.undecodable++;
      }
    }
  }
}

const per = 21 * 21 * 3;
const m = STAMP_FEATURES.length;
const stamps = new Float32Array(rows.length * per);
const meta = new Float32Array(rows.length * m);
rows.forEach((r, i) => {
  stamps.set(r.tensor, i * per);
  meta.set(r.meta, i * m);
});
const session = await ort.InferenceSession.create(path.join(dir, "model.onnx"));
const probs = await predictStampOnnx(session, { stamps, meta, labels: new Int32Array(rows.length), count: rows.length });
await session.release();
const k = STAMP_CLASSES.length;
const predicted = rows.map((_, i) => {
  const p = probs.subarray(i * k, (i + 1) * k);
  return p.indexOf(Math.max(...p));
});

// ---- distribution per set ----
const bySet = sets
  .map((set) => {
    const idx = rows.map((r, i) => (r.set === set ? i : -1)).filter((i) => i >= 0);
    const counts = STAMP_CLASSES.map((_, c) => idx.filter((i) => predicted[i] === c).length);
    const meanTop = idx.length ? idx.reduce((a, i) => a + probs[i * k + predicted[i]!]!, 0) / idx.length : 0;
    return { set, n: idx.length, counts, meanTop, skip: skipped[set]! };
  })
  .filter((s) => s.n > 0 || s.skip.noCutouts + s.skip.notFits + s.skip.undecodable > 0);
const totals = STAMP_CLASSES.map((_, c) => predicted.filter((p) => p === c).length);
for (const s of bySet)
  console.log(
    `${s.set.padEnd(36)} n=${String(s.n).padStart(4)}  ${STAMP_CLASSES.map((c, i) => `${c} ${s.counts[i]}`).join("  ")}  (skipped: ${JSON.stringify(s.skip)})`,
  );
console.log(`all: n=${rows.length}  ${STAMP_CLASSES.map((c, i) => `${c} ${totals[i]}`).join("  ")}`);

// ---- a partial check with a real label: known solar-system objects (ZTF's ssdistnr, arcsec; −999 = none) ----
const isKnownSso = (r: Row) => r.ssdistnr !== null && r.ssdistnr >= 0 && r.ssdistnr <= 5;
const ssoByClass = STAMP_CLASSES.map((_, c) => rows.filter((r, i) => predicted[i] === c && isKnownSso(r)).length);
const ssoTotal = rows.filter(isKnownSso).length;
console.log(`known SSO (ssdistnr ≤ 5″): ${ssoTotal}; predicted as ${STAMP_CLASSES.map((c, i) => `${c} ${ssoByClass[i]}`).join("  ")}`);

// ---- contact sheet ----
const top = (cls: number) =>
  rows
    .map((_, i) => i)
    .filter((i) => predicted[i] === cls)
    .sort((a, b) => probs[b * k + cls]! - probs[a * k + cls]!)
    .slice(0, topN);
const sn = top(STAMP_CLASSES.indexOf("SN"));
const bogus = top(STAMP_CLASSES.indexOf("bogus"));
const view = 49; // the central 49×49 of the 63×63 cutout (keeps the PNG < 300 KB)
const cell = view * scale;
const gap = 3;
const blockGap = 16;
const blockWidth = 3 * cell + 2 * gap;
const width = 2 * blockWidth + blockGap;
const height = topN * cell + (topN - 1) * gap;
const pixels = new Uint8Array(width * height).fill(255);
function paint(image: StampImage, x0: number, y0: number) {
  const { low, high } = stampDisplayLimits(image.data, "zscale");
  const range = high - low;
  // centre view×view window, as cropCenter centres (missing pixels of CCD-edge cutouts stay grey)
  const ox = Math.floor(image.width / 2) - Math.floor(view / 2);
  const oy = Math.floor(image.height / 2) - Math.floor(view / 2);
  for (let row = 0; row < view; row++) {
    const y = view - 1 - row + oy; // first FITS row at the bottom (origin = lower)
    for (let col = 0; col < view; col++) {
      const x = col + ox;
      const v = x >= 0 && y >= 0 && x < image.width && y < image.height ? image.data[y * image.width + x]! : Number.NaN;
      const g = Number.isFinite(v) ? Math.round(255 * Math.min(1, Math.max(0, range > 0 ? (v - low) / range : 0))) : 128;
      for (let dy = 0; dy < scale; dy++)
        pixels.fill(g, (y0 + row * scale + dy) * width + x0 + col * scale, (y0 + row * scale + dy) * width + x0 + (col + 1) * scale);
    }
  }
  // the 21×21 box the classifier sees (dotted, every other pixel)
  const b0 = ((view - 21) / 2) * scale - 1;
  const b1 = ((view + 21) / 2) * scale;
  for (let t = b0; t <= b1; t += 2) {
    for (const [xx, yy] of [
      [t, b0],
      [t, b1],
      [b0, t],
      [b1, t],
    ] as const)
      pixels[(y0 + yy) * width + x0 + xx] = 255;
  }
}
[sn, bogus].forEach((list, block) =>
  list.forEach((i, r) => {
    const { science, template, difference } = rows[i]!.images;
    [science, template, difference].forEach((img, c) => paint(img, block * (blockWidth + blockGap) + c * (cell + gap), r * (cell + gap)));
  }),
);
const png = encodeGrayPng(width, height, pixels);
const sheetFile = path.join(dir, "real-alerts-contact-sheet.png");
fs.writeFileSync(sheetFile, png);
console.log(`wrote ${sheetFile} (${png.length} bytes, ${width}×${height})`);

const describeRow = (i: number, cls: string) => {
  const r = rows[i]!;
  const sg = r.sgscore1 === null || r.sgscore1 < -900 ? "—" : `${r.sgscore1.toFixed(2)} @ ${r.distpsnr1?.toFixed(1)}″`;
  return `| ${r.objectId} | ${r.candid} | ${r.set} | ${probs[i * k + STAMP_CLASSES.indexOf(cls as (typeof STAMP_CLASSES)[number])]!.toFixed(3)} | ${r.magpsf.toFixed(2)} | ${r.isdiffpos} | ${sg} |`;
};
const section = `## How it classifies real ZTF alerts

\`scripts/report-stamps-real.ts\` ran the exported \`model.onnx\` (onnxruntime-node) on every alert in
\`/work/shared/data/ztf-alerts/\` that has all three cutouts as gzipped FITS. It skipped \`malformed/\`,
alerts without cutouts, the 2016 IPAC test packets with JPEG cutouts, and duplicate candids. **These alerts have no labels.**
The table shows only what the model predicts (argmax). It is not an accuracy.

| alert set | alerts | ${STAMP_CLASSES.join(" | ")} | mean top p | skipped (no cutouts / not FITS / undecodable / dup.) |
|---|---|${STAMP_CLASSES.map(() => "---").join("|")}|---|---|
${bySet.map((s) => `| ${s.set} | ${s.n} | ${s.counts.map((c) => (s.n ? `${c} (${((100 * c) / s.n).toFixed(0)} %)` : "0")).join(" | ")} | ${s.n ? s.meanTop.toFixed(2) : "—"} | ${s.skip.noCutouts} / ${s.skip.notFits} / ${s.skip.undecodable} / ${s.skip.duplicate} |`).join("\n")}
| **all** | **${rows.length}** | ${totals.map((c) => `**${c} (${((100 * c) / Math.max(1, rows.length)).toFixed(0)} %)**`).join(" | ")} | | |

**A partial check against a real label.** ZTF's \`ssdistnr\` gives the distance to the nearest known
solar-system object. It is −999 (decoded as null) when there is none, and the model does not see it.
${ssoTotal} of the ${rows.length} alerts lie within 5″ of one. The model predicts them as
${STAMP_CLASSES.map((c, i) => `${c} ${ssoByClass[i]}`).join(", ")}. So its asteroid recall on known SSOs is ${ssoTotal ? ((100 * ssoByClass[STAMP_CLASSES.indexOf("asteroid")]!) / ssoTotal).toFixed(0) : "—"} %.
Of the ${totals[STAMP_CLASSES.indexOf("asteroid")]} alerts it calls "asteroid", ${ssoByClass[STAMP_CLASSES.indexOf("asteroid")]} are known SSOs. The others may be unknown asteroids or misclassifications.

### Contact sheet

\`real-alerts-contact-sheet.png\`: the left block holds the ${sn.length} highest-scored "SN" and the right block the ${bogus.length} highest-scored "bogus".
Each row shows science | reference | difference, the central 49×49 of the 63×63 cutout. The display uses zscale, with the first FITS row at the bottom, and it is upscaled ×${scale}. A dotted box marks the central 21×21 that the classifier sees.

Top "SN" (rows from top to bottom):

| objectId | candid | set | p(SN) | magpsf | isdiffpos | sgscore1 @ distpsnr1 |
|---|---|---|---|---|---|---|
${sn.map((i) => describeRow(i, "SN")).join("\n")}

Top "bogus" (rows from top to bottom):

| objectId | candid | set | p(bogus) | magpsf | isdiffpos | sgscore1 @ distpsnr1 |
|---|---|---|---|---|---|---|
${bogus.map((i) => describeRow(i, "bogus")).join("\n")}

<!-- observations -->
`;
const cardFile = path.join(dir, "MODEL_CARD.md");
const card = fs.readFileSync(cardFile, "utf8");
const marker = "## How it classifies real ZTF alerts";
const head = card.includes(marker) ? card.slice(0, card.indexOf(marker)) : `${card.trimEnd()}\n\n`;
// what a person wrote after looking at the sheet (below the observations marker) survives re-runs
const observationsMarker = "<!-- observations -->\n";
const observations = card.includes(observationsMarker) ? card.slice(card.indexOf(observationsMarker) + observationsMarker.length) : "";
fs.writeFileSync(cardFile, head + section + observations);
fs.writeFileSync(
  path.join(dir, "real-alerts.json"),
  `${JSON.stringify({ model: manifest.classifierVersion, alerts: rows.length, totals: Object.fromEntries(STAMP_CLASSES.map((c, i) => [c, totals[i]])), knownSso: { total: ssoTotal, predicted: Object.fromEntries(STAMP_CLASSES.map((c, i) => [c, ssoByClass[i]])) }, bySet: bySet.map((s) => ({ set: s.set, alerts: s.n, counts: Object.fromEntries(STAMP_CLASSES.map((c, i) => [c, s.counts[i]])), meanTopProbability: Number(s.meanTop.toFixed(4)), skipped: s.skip })) }, null, 2)}\n`,
);
console.log(`appended the real-alert section to ${cardFile}`);
