import * as tf from '../tf';
import { dense } from '../kernels/dense';
export { initialParameters, layerSizes } from './initialWeights';

/** A ReLU MLP (or, with no hidden layer, logistic regression) held in tf.Variables. */
export class Mlp {
  readonly variables: tf.Variable[];

  constructor(
    readonly sizes: number[],
    initial: Float32Array[],
  ) {
    this.variables = initial.map((values, i) => {
      const l = Math.floor(i / 2);
      const shape = i % 2 === 0 ? [sizes[l], sizes[l + 1]] : [sizes[l + 1]];
      // tidy releases the initial tensor; the variable keeps its own reference to the data.
      return tf.tidy(() => tf.variable(tf.tensor(values, shape, 'float32'), true));
    });
  }

  /** Logits: fused matMul + bias (+ ReLU on hidden layers), one op per layer. */
  logits(x: tf.Tensor2D): tf.Tensor2D {
    let h: tf.Tensor2D = x;
    const layers = this.variables.length / 2;
    for (let l = 0; l < layers; l++) {
      h = tf.fused.matMul({
        a: h,
        b: this.variables[2 * l],
        bias: this.variables[2 * l + 1],
        activation: l + 1 < layers ? 'relu' : 'linear',
      }) as tf.Tensor2D;
    }
    return h;
  }

  /**
   * Every layer's output, [x, h1, …, logits], from the dense kernel (cpu or wasm): forward only,
   * for the hand-written backward pass of backprop.ts and for predictions.
   */
  activations(x: tf.Tensor2D): tf.Tensor2D[] {
    const outputs = [x];
    const layers = this.variables.length / 2;
    for (let l = 0; l < layers; l++) {
      const w = this.variables[2 * l] as tf.Tensor2D;
      const b = this.variables[2 * l + 1] as tf.Tensor1D;
      outputs.push(dense(outputs[l], w, b, l + 1 < layers));
    }
    return outputs;
  }

  weightMatrices(): tf.Variable[] {
    return this.variables.filter((_, i) => i % 2 === 0);
  }

  snapshot(): Float32Array[] {
    return this.variables.map((v) => v.dataSync() as Float32Array).map((a) => Float32Array.from(a));
  }

  restore(values: Float32Array[]): void {
    this.variables.forEach((v, i) => tf.tidy(() => v.assign(tf.tensor(values[i], v.shape, 'float32'))));
  }

  dispose(): void {
    tf.dispose(this.variables);
  }
}
