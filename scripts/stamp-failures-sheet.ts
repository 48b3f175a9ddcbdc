// `node --import tsx scripts/stamp-failures-sheet.ts [--dir models/stamp_classifier/<version>]`: the
// contact sheet of real failures for the model card. Every alert of the REAL validation split
// (training/real-data/real-stamp-set.ts) that the served classifier (ONNX + production rules) gets
// wrong, as the network sees it: the science, reference and difference 21×21 crops (each min–max
// normalised, as fed to the network; first FITS row at the bottom), with the label and its kind, the
// served class and probability, the network's own class when a rule changed it, and isdiffpos.
// Laid out in HTML and rendered with chromium (Playwright) to real-failures-contact-sheet.png in --dir.
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright";
import { loadStampClassifier } from "../lib/classifiers/stamp/stamp-classifier";
import { stampModelDir, readStampModelManifest } from "../lib/classifiers/stamp/model-manifest";
import { STAMP_CLASSES } from "../lib/classifiers/stamp/stamp-classes";
import { encodeGrayPng } from "../lib/stamps/render-stamp-png";
import { loadRealStampExamples } from "../training/real-data/real-stamp-set";

const { values } = parseArgs({ options: { dir: { type: "string", default: stampModelDir() } }, allowPositionals: true });
const dir = path.resolve(values.dir);
const version = readStampModelManifest(dir).classifierVersion;
const SIZE = 21;
const SCALE = 4;

const validation = (await loadRealStampExamples()).filter((e) => e.split === "validation");
const classifier = await loadStampClassifier(dir);
const results = await classifier.classify(validation.map((e) => e.input));
await classifier.close();

const argmax = (p: readonly number[]) => p.reduce((top, v, i) => (v > p[top]! ? i : top), 0);
const failures = validation
  .map((e, i) => ({ e, r: results[i]! }))
  .filter(({ e, r }) => STAMP_CLASSES[argmax(r.probabilities)] !== e.label.label)
  .sort((a, b) => a.e.label.label.localeCompare(b.e.label.label) || a.e.objectId.localeCompare(b.e.objectId));

/** One channel of the [21,21,3] tensor as a PNG data URL, upscaled SCALE× (first FITS row at the bottom). */
function channelPng(stamps: Float32Array, channel: number): string {
  const w = SIZE * SCALE;
  const pixels = new Uint8Array(w * w);
  for (let y = 0; y < w; y++)
    for (let x = 0; x < w; x++) {
      const row = SIZE - 1 - Math.floor(y / SCALE);
      const v = stamps[(row * SIZE + Math.floor(x / SCALE)) * 3 + channel]!;
      pixels[y * w + x] = Math.round(255 * Math.min(1, Math.max(0, v)));
    }
  return `data:image/png;base64,${encodeGrayPng(w, w, pixels).toString("base64")}`;
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const cells = failures
  .map(({ e, r }) => {
    const served = argmax(r.probabilities);
    const network = argmax(r.raw);
    const rule = r.rule ? ` <b>rule ${r.rule}</b> (network ${STAMP_CLASSES[network]} ${r.raw[network]!.toFixed(2)})` : "";
    const images = [0, 1, 2].map((c) => `<img src="${channelPng(e.input.stamps, c)}">`).join("");
    return `<div class="cell"><div>${images}</div><div class="t">${escape(e.objectId)} · isdiffpos ${escape(String(e.input.isdiffpos))}</div><div class="t">true <b>${e.label.label}</b> (${escape(e.label.kind)}: ${escape(e.label.evidence.slice(0, 28))})</div><div class="t">predicted <b class="p">${STAMP_CLASSES[served]}</b> ${r.probabilities[served]!.toFixed(2)}${rule}</div></div>`;
  })
  .join("\n");
const html = `<!doctype html><html><head><meta charset="utf-8"><style>
body{margin:8px;font:11px/1.25 sans-serif;background:#fff;color:#111;width:1180px}
h1{font-size:14px;margin:0 0 6px}
.grid{display:grid;grid-template-columns:repeat(4,1fr);gap:6px}
.cell{border:1px solid #ccc;padding:3px}
img{width:${SIZE * SCALE}px;height:${SIZE * SCALE}px;image-rendering:pixelated;margin-right:2px}
.t{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}.p{color:#b00}
</style></head><body><h1>${escape(version)}: the ${failures.length} of ${validation.length} real validation alerts it gets wrong (served, after the rules). Each: science, reference, difference, 21×21 as the network sees them.</h1>
<div class="grid">${cells}</div></body></html>`;

const browser = await chromium.launch({ executablePath: process.env.CIELO_CHROMIUM ?? "/usr/bin/chromium" });
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await page.setContent(html);
  const file = path.join(dir, "real-failures-contact-sheet.png");
  await page.screenshot({ path: file, fullPage: true });
  console.log(`wrote ${file}: ${failures.length} failures of ${validation.length} validation alerts`);
} finally {
  await browser.close();
}
console.log(JSON.stringify({ sheet: "stamp-failures", model: version, failures: failures.length, alerts: validation.length }));
