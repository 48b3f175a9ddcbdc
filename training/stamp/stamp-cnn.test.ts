import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import * as ort from "onnxruntime-node";
import { beforeAll, describe, expect, it } from "vitest";
import { createRng } from "../../lib/math/random";
import { STAMP_CLASSES } from "../../lib/classifiers/stamp/stamp-classes";
import { conv3x3, DEFAULT_SHAPE, initialWeights, stampCnnLogits, toVariables } from "./stamp-cnn";
import { stampCnnToOnnx } from "./stamp-cnn-onnx";

/** Uniform numbers in [0, 1) from the project's seeded generator. */
function seeded(seed: number): () => number {
  const rng = createRng(seed);
  return () => rng.next();
}

const N = 12;
const META = 23;
const shape = { ...DEFAULT_SHAPE, metaFeatures: META };

/** Rotates NHWC stamps by 90° in plain JS (independent of the model's own rotation code). */
function rotate90(stamps: Float32Array, n: number, size: number, channels: number): Float32Array {
  const out = new Float32Array(stamps.length);
  for (let k = 0; k < n; k++)
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++)
        for (let c = 0; c < channels; c++) {
          const from = ((k * size + y) * size + x) * channels + c;
          const to = ((k * size + (size - 1 - x)) * size + y) * channels + c;
          out[to] = stamps[from]!;
        }
  return out;
}

describe("stamp CNN: tfjs training graph and exported ONNX agree", () => {
  const random = seeded(42);
  const weights = initialWeights(shape, random);
  const stamps = Float32Array.from({ length: N * 21 * 21 * 3 }, () => random());
  const meta = Float32Array.from({ length: N * META }, () => random() * 2 - 1);
  let session: ort.InferenceSession;
  const run = async (input: Float32Array) => {
    const out = await session.run({
      stamps: new ort.Tensor("float32", input, [N, 21, 21, 3]),
      meta: new ort.Tensor("float32", meta, [N, META]),
    });
    return out.probs!.data as Float32Array;
  };

  beforeAll(async () => {
    await tf.setBackend("wasm");
    session = await ort.InferenceSession.create(stampCnnToOnnx(weights));
  });

  it("gives the same probabilities (max |Δp| < 1e-4)", async () => {
    const variables = toVariables(tf, weights);
    const expected = tf.tidy(() =>
      tf.softmax(stampCnnLogits(tf, variables, tf.tensor4d(stamps, [N, 21, 21, 3]), tf.tensor2d(meta, [N, META]))).dataSync(),
    );
    const actual = await run(stamps);
    expect(actual.length).toBe(N * STAMP_CLASSES.length);
    let maxDiff = 0;
    for (let i = 0; i < actual.length; i++) maxDiff = Math.max(maxDiff, Math.abs(actual[i]! - expected[i]!));
    expect(maxDiff).toBeLessThan(1e-4);
    for (let k = 0; k < N; k++) expect(actual.slice(k * 5, k * 5 + 5).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
  });

  it("is invariant to 90° rotations of the stamps", async () => {
    const base = await run(stamps);
    let once: Float32Array = stamps;
    for (let turn = 1; turn <= 3; turn++) {
      once = rotate90(once, N, 21, 3);
      const rotated = await run(once);
      let maxDiff = 0;
      for (let i = 0; i < base.length; i++) maxDiff = Math.max(maxDiff, Math.abs(rotated[i]! - base[i]!));
      expect(maxDiff, `${turn * 90}°`).toBeLessThan(1e-5);
    }
  });
});

describe("the explicit conv gradient (wasm has no Conv2DBackpropFilter)", () => {
  it("matches tfjs's own gradient on the cpu backend", async () => {
    const random = seeded(7);
    const x = Float32Array.from({ length: 2 * 7 * 7 * 3 }, () => random() - 0.5);
    const w = Float32Array.from({ length: 3 * 3 * 3 * 4 }, () => random() - 0.5);
    const gradients = async (backend: string, custom: boolean) => {
      await tf.setBackend(backend);
      const conv = conv3x3(tf);
      const loss = (xx: tf.Tensor, ww: tf.Tensor) =>
        tf.sum(tf.square(custom ? conv(xx as tf.Tensor4D, ww as tf.Tensor4D) : tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, 1, "same")));
      const grads = tf.grads(loss)([tf.tensor4d(x, [2, 7, 7, 3]), tf.tensor4d(w, [3, 3, 3, 4])]);
      return Promise.all(grads.map(async (g) => Float32Array.from(await g.data())));
    };
    const [dxRef, dwRef] = await gradients("cpu", false);
    const [dx, dw] = await gradients("wasm", true);
    const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
    expect(maxDiff(dx!, dxRef!)).toBeLessThan(1e-4);
    expect(maxDiff(dw!, dwRef!)).toBeLessThan(1e-4);
  });
});

describe("training", () => {
  it("learns a separable toy problem (loss falls, held-out accuracy high)", async () => {
    const { trainStampCnn, predictStampCnn } = await import("./train-stamp-cnn");
    await tf.setBackend("wasm");
    const random = seeded(3);
    // Class k = a bright blob in channel (k mod 3) at one of two places; metadata carries k too.
    const make = (count: number) => {
      const stampsArr = new Float32Array(count * 21 * 21 * 3);
      const metaArr = new Float32Array(count * META);
      const labels = new Int32Array(count);
      for (let i = 0; i < count; i++) {
        const k = i % STAMP_CLASSES.length;
        labels[i] = k;
        for (let p = 0; p < 21 * 21; p++) for (let c = 0; c < 3; c++) stampsArr[(i * 441 + p) * 3 + c] = random() * 0.2;
        const cy = k < 3 ? 10 : 5;
        for (let dy = -1; dy <= 1; dy++)
          for (let dx = -1; dx <= 1; dx++) {
            const index = (i * 441 + (cy + dy) * 21 + 10 + dx) * 3 + (k % 3);
            stampsArr[index] = stampsArr[index]! + 1;
          }
        metaArr[i * META + (k % 4)] = 1;
      }
      return { stamps: stampsArr, meta: metaArr, labels, count };
    };
    const train = make(250);
    const test = make(50);
    const losses: number[] = [];
    const weights = await trainStampCnn(tf, train, shape, {
      epochs: 4,
      batchSize: 25,
      learningRate: 3e-3,
      entropyWeight: 0.1,
      random,
      onEpoch: ({ loss }) => losses.push(loss),
    });
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
    const probs = predictStampCnn(tf, weights, test.stamps, test.meta, test.count);
    let correct = 0;
    for (let i = 0; i < test.count; i++) {
      const p = probs.slice(i * 5, i * 5 + 5);
      if (p.indexOf(Math.max(...p)) === test.labels[i]) correct++;
    }
    expect(correct / test.count).toBeGreaterThan(0.9);
  });
});
