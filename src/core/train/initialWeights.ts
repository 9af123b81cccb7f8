// No tfjs here: the PyTorch export draws the same initial weights in the extension host.
import { seededRandom } from '../random';

/** Layer sizes: [features, ...hidden, classes] for an MLP, [features, classes] for logistic regression. */
export function layerSizes(features: number, classes: number, model: 'logreg' | 'mlp', hidden: number[]): number[] {
  return model === 'logreg' ? [features, classes] : [features, ...hidden, classes];
}

/**
 * Glorot-uniform weights and zero biases from a seeded generator, as plain arrays (W1, b1, W2, b2, …),
 * so every run of an experiment, and every backend, starts from the very same numbers.
 */
export function initialParameters(sizes: number[], seed: number): Float32Array[] {
  const random = seededRandom(seed ^ 0x9e3779b9);
  const params: Float32Array[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    params.push(Float32Array.from({ length: fanIn * fanOut }, () => (2 * random() - 1) * limit));
    params.push(new Float32Array(fanOut));
  }
  return params;
}
