import { seededRandom } from '../random';

/**
 * The initial weights of a seed, as src/core/train/model.ts's initialParameters draws them (a test
 * pins the two equal), without tfjs: the export runs in the extension host, which never loads it.
 * Glorot-uniform weights [fanIn × fanOut] row-major and zero biases: W1, b1, W2, b2, ….
 */
export function exportedInitialWeights(sizes: number[], seed: number): Float32Array[] {
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
