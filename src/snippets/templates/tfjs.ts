import { jsDoc } from '../docText';
import type { FrameworkTemplates, TemplateSlots } from '../types';

const CHECK_GAMMA = "  if (!(gamma >= 0 && gamma <= 1)) throw new RangeError(`gamma must be in [0, 1], got ${gamma}`);";
const CHECK_THRESHOLD = `  if (!(threshold >= 0 && threshold <= 1)) {
    throw new RangeError(\`threshold must be in [0, 1], got \${threshold}\`);
  }`;

// log(1 + x) on every backend: webgl's and wasm's log1p compute log(1 + x), which is 0 for
// |x| < 6e-8. Goldberg's x·log(u)/(u - 1) with u = 1 + x rounded, x itself where u rounds to 1
// (the divisor is 1 there so that the branch not taken has a finite gradient). Comparisons are
// greaterEqual: tfjs has no gradient for equal or less, and a where's condition is on the tape.
function log1pHelper(s: TemplateSlots): string {
  return `  // tf.log1p is log(1 + x) on webgl and wasm (0 for |x| < 6e-8): this one keeps the digits.
  const log1p = (x${s.ts(': tf.Tensor')})${s.ts(': tf.Tensor')} => {
    const u = tf.add(x, 1);
    const d = tf.sub(u, 1);
    const moved = tf.greaterEqual(tf.abs(d), 1e-30);
    return tf.where(moved, tf.div(tf.mul(x, tf.log(u)), tf.where(moved, d, tf.onesLike(d))), x);
  };`;
}

const CLASS_ONEHOT = "tf.oneHot(tf.cast(labels, 'int32'), logits.shape[1])";

// log p_y and q = 1 - p_y to float32 precision: where p_y rounds to 1, log p_y is
// log1p(-others) and q is others, 1 - p_y summed over the other classes (elsewhere 1 - p_y).
const logPAndQ = (onehot: string) => `    const logProbs = tf.logSoftmax(logits);
    const onehot = ${onehot};
    const others = tf.sum(tf.mul(tf.exp(logProbs), tf.sub(1, onehot)), -1);
    const low = tf.greaterEqual(others, 0.5);
    // The inner where keeps the gradient of the branch not taken finite (0 * inf would be NaN).
    const safe = tf.where(low, tf.zerosLike(others), others);
    const logP = tf.where(low, tf.sum(tf.mul(logProbs, onehot), -1), log1p(tf.neg(safe)));
    const q = tf.where(low, tf.sub(1, tf.exp(logP)), others);`;

const MIXTURE = `    // log(gamma + (1 - gamma)·p_y) for 0 < gamma < 1. Where x = 1 - that mixture < 1/2, log1p(-x):
    // logSumExp takes log(1 + .) and loses most digits of a mixture that close to 1 (gamma near 1).
    // logSumExp elsewhere.
    const mixture = () => {
      const x = tf.mul(q, 1 - gamma);
      const far = tf.greaterEqual(x, 0.5);
      const logSumExp = tf.logSumExp(
        tf.stack([tf.add(logP, Math.log1p(-gamma)), tf.fill(logP.shape, Math.log(gamma))]), 0);
      return tf.where(far, logSumExp, log1p(tf.neg(tf.where(far, tf.zerosLike(x), x))));
    };`;

function logMixAndWeight(s: TemplateSlots): string {
  return `    const logMix = gamma === 0 ? logP : gamma === 1 ? tf.zerosLike(logP) : mixture();
    // tfjs has no stopGradient: the weight goes through an identity whose gradient is zero.
    const stopGradient = tf.customGrad((...args${s.ts(': Array<tf.Tensor | tf.GradSaveFunc>')}) => ({
      value: tf.clone(args[0]${s.ts(' as tf.Tensor')}),
      gradFunc: (dy${s.ts(': tf.Tensor')}) => tf.zerosLike(dy),
    }));
    const weight = stopGradient(tf.maximum(tf.exp(tf.sub(logP, logMix)), threshold));`;
}

function closed(s: TemplateSlots): string {
  return `${jsDoc({
    form: 'closed',
    params: [
      ['logits', '[N, C] float32 tensor of unnormalised scores.'],
      ['labels', '[N] integer class indices.'],
      ['gamma', 'in [0, 1].'],
    ],
    returns: 'The mean loss, a scalar (use it inside optimizer.minimize or tf.grad).',
  })}
function gammaCeLoss(logits${s.ts(': tf.Tensor2D')}, labels${s.ts(': tf.Tensor1D')}, gamma = ${s.gamma})${s.ts(': tf.Scalar')} {
${CHECK_GAMMA}
${log1pHelper(s)}
  return tf.tidy(() => {
${logPAndQ(CLASS_ONEHOT)}
    if (gamma === 0) return tf.mean(tf.neg(logP));
    if (gamma === 1) return tf.mean(q);
${MIXTURE}
    return tf.div(tf.neg(tf.mean(mixture())), 1 - gamma);
  });
}`;
}

function tailr(s: TemplateSlots): string {
  return `${jsDoc({
    form: 'tailr',
    params: [
      ['logits', '[N, C] float32 tensor of unnormalised scores.'],
      ['labels', '[N] integer class indices.'],
      ['gamma', 'in [0, 1].'],
      ['threshold', 'the floor b in [0, 1] of the weight (0: no floor).'],
    ],
    returns: 'The mean loss, a scalar (use it inside optimizer.minimize or tf.grad).',
  })}
function tailrLoss(
  logits${s.ts(': tf.Tensor2D')},
  labels${s.ts(': tf.Tensor1D')},
  gamma = ${s.gamma},
  threshold = ${s.threshold},
)${s.ts(': tf.Scalar')} {
${CHECK_GAMMA}
${CHECK_THRESHOLD}
${log1pHelper(s)}
  return tf.tidy(() => {
${logPAndQ(CLASS_ONEHOT)}
${MIXTURE}
${logMixAndWeight(s)}
    return tf.mean(tf.neg(tf.mul(weight, logP)));
  });
}`;
}

function sequence(s: TemplateSlots): string {
  return `${jsDoc({
    form: 'sequence',
    params: [
      ['logits', '[B, T, V] float32 tensor of unnormalised scores.'],
      ['labels', '[B, T] integer token ids, ignoreIndex at padding.'],
      ['gamma', 'in [0, 1].'],
      ['threshold', 'the floor b in [0, 1] of the weight (0: no floor).'],
      ['ignoreIndex', 'the label of positions to leave out.'],
    ],
    returns: 'The mean loss over the real tokens, a scalar (0 if there are none).',
    ignoreIndexName: 'ignoreIndex',
  })}
function tailrSequenceLoss(
  logits${s.ts(': tf.Tensor3D')},
  labels${s.ts(': tf.Tensor2D')},
  gamma = ${s.gamma},
  threshold = ${s.threshold},
  ignoreIndex = -100,
)${s.ts(': tf.Scalar')} {
${CHECK_GAMMA}
${CHECK_THRESHOLD}
${log1pHelper(s)}
  return tf.tidy(() => {
    const ids = tf.cast(labels, 'int32');
    const mask = tf.notEqual(ids, ignoreIndex);
    const targets = tf.where(mask, ids, tf.zerosLike(ids));
${logPAndQ('tf.oneHot(targets, logits.shape[2])')}
${MIXTURE}
${logMixAndWeight(s)}
    const tokenLoss = tf.where(mask, tf.neg(tf.mul(weight, logP)), tf.zerosLike(logP));
    return tf.div(tf.sum(tokenLoss), tf.maximum(tf.sum(tf.cast(mask, 'float32')), 1));
  });
}`;
}

export const tfjs: FrameworkTemplates = {
  id: 'tfjs',
  label: 'TensorFlow.js',
  prefixSuffix: 'tfjs',
  languages: ['typescript', 'javascript'],
  indentWidth: 2,
  pythonImports: [],
  functionNames: { closed: 'gammaCeLoss', tailr: 'tailrLoss', sequence: 'tailrSequenceLoss' },
  forms: { closed, tailr, sequence },
};
