import type * as tfType from "@tensorflow/tfjs";
import { STAMP_CLASSES } from "../../lib/classifiers/stamp/stamp-classes";
import {
  fromVariables,
  initialWeights,
  type StampCnnShape,
  type StampCnnVariables,
  type StampCnnWeights,
  stampCnnLogits,
  toVariables,
} from "./stamp-cnn";

export interface StampTrainingSet {
  /** [count, 21, 21, 3] NHWC, preprocessed (cropped, normalised, NaN → 0). */
  stamps: Float32Array;
  /** [count, metaFeatures], already scaled. */
  meta: Float32Array;
  /** class index into STAMP_CLASSES. */
  labels: Int32Array;
  count: number;
}

export interface TrainingOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /**
   * Weight of the entropy regulariser (loss = cross-entropy − β·H(p)): it keeps probabilities
   * from saturating at 0/1, as in ALeRCE's stamp classifier, so that thresholds on them mean something.
   */
  entropyWeight: number;
  random: () => number;
  /** After each epoch: the mean loss, the running training accuracy, and the current variables (e.g. to score a validation split). */
  onEpoch?: (progress: { epoch: number; loss: number; trainAccuracy: number; variables: StampCnnVariables }) => void;
}

function shuffled(count: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

function gather(set: StampTrainingSet, indices: Int32Array, metaFeatures: number) {
  const stampSize = 21 * 21 * 3;
  const stamps = new Float32Array(indices.length * stampSize);
  const meta = new Float32Array(indices.length * metaFeatures);
  const labels = new Int32Array(indices.length);
  indices.forEach((index, k) => {
    stamps.set(set.stamps.subarray(index * stampSize, (index + 1) * stampSize), k * stampSize);
    meta.set(set.meta.subarray(index * metaFeatures, (index + 1) * metaFeatures), k * metaFeatures);
    labels[k] = set.labels[index]!;
  });
  return { stamps, meta, labels };
}

/** Adam on softmax cross-entropy with entropy regularisation; returns the trained weights. */
export async function trainStampCnn(
  tf: typeof tfType,
  set: StampTrainingSet,
  shape: StampCnnShape,
  options: TrainingOptions,
): Promise<StampCnnWeights> {
  const variables = toVariables(tf, initialWeights(shape, options.random));
  const optimizer = tf.train.adam(options.learningRate);
  const classes = STAMP_CLASSES.length;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const order = shuffled(set.count, options.random);
    let lossSum = 0;
    let batches = 0;
    let correct = 0;
    for (let start = 0; start < set.count; start += options.batchSize) {
      const indices = order.subarray(start, Math.min(start + options.batchSize, set.count));
      const batch = gather(set, indices, shape.metaFeatures);
      let predicted = new Int32Array(0);
      const loss = optimizer.minimize(
        () =>
          tf.tidy(() => {
            const logits = stampCnnLogits(
              tf,
              variables,
              tf.tensor4d(batch.stamps, [indices.length, 21, 21, 3]),
              tf.tensor2d(batch.meta, [indices.length, shape.metaFeatures]),
            );
            predicted = Int32Array.from(tf.argMax(logits, 1).dataSync());
            const labels = tf.oneHot(tf.tensor1d(batch.labels, "int32"), classes);
            const crossEntropy = tf.losses.softmaxCrossEntropy(labels, logits);
            const logProbs = tf.logSoftmax(logits);
            const entropy = tf.mean(tf.neg(tf.sum(tf.mul(tf.exp(logProbs), logProbs), 1)));
            return tf.sub(crossEntropy, tf.mul(options.entropyWeight, entropy)) as tfType.Scalar;
          }),
        true,
      );
      lossSum += (await loss!.data())[0]!;
      loss!.dispose();
      predicted.forEach((p, k) => (correct += p === batch.labels[k] ? 1 : 0));
      batches += 1;
    }
    options.onEpoch?.({ epoch: epoch + 1, loss: lossSum / batches, trainAccuracy: correct / set.count, variables });
  }
  const weights = await fromVariables(shape, variables);
  Object.values(variables).forEach((v) => v.dispose());
  optimizer.dispose();
  return weights;
}

/** Softmax probabilities [count, classes] with the tfjs graph (for evaluation and parity checks). */
export function predictStampCnn(
  tf: typeof tfType,
  weights: StampCnnWeights,
  stamps: Float32Array,
  meta: Float32Array,
  count: number,
): Float32Array {
  const variables = toVariables(tf, weights);
  try {
    return tf.tidy(() =>
      Float32Array.from(
        tf
          .softmax(
            stampCnnLogits(tf, variables, tf.tensor4d(stamps, [count, 21, 21, 3]), tf.tensor2d(meta, [count, weights.shape.metaFeatures])),
          )
          .dataSync(),
      ),
    );
  } finally {
    Object.values(variables).forEach((v) => v.dispose());
  }
}
