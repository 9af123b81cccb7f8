import { jsDoc } from '../docText';
import type { FrameworkTemplates, TemplateSlots } from '../types';

const CHECK_GAMMA = "  if (!(gamma >= 0 && gamma <= 1)) throw new RangeError(`gamma must be in [0, 1], got ${gamma}`);";
const CHECK_THRESHOLD = `  if (!(threshold >= 0 && threshold <= 1)) {
    throw new RangeError(\`threshold must be in [0, 1], got \${threshold}\`);
  }`;

const LOG_P = `    const onehot = tf.oneHot(tf.cast(labels, 'int32'), logits.shape[1]);
    const logP = tf.sum(tf.mul(tf.logSoftmax(logits), onehot), -1);`;

function logMixAndWeight(s: TemplateSlots): string {
  return `    const logMix = gamma === 0 ? logP
      : gamma === 1 ? tf.zerosLike(logP)
      : tf.logSumExp(
        tf.stack([tf.add(logP, Math.log1p(-gamma)), tf.fill(logP.shape, Math.log(gamma))]), 0);
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
      ['gamma', 'γ in [0, 1].'],
    ],
    returns: 'The mean loss, a scalar (use it inside optimizer.minimize or tf.grad).',
  })}
function gammaCeLoss(logits${s.ts(': tf.Tensor2D')}, labels${s.ts(': tf.Tensor1D')}, gamma = ${s.gamma})${s.ts(': tf.Scalar')} {
${CHECK_GAMMA}
  return tf.tidy(() => {
${LOG_P}
    if (gamma === 0) return tf.mean(tf.neg(logP));
    if (gamma === 1) return tf.mean(tf.neg(tf.expm1(logP)));
    // log(γ + (1 - γ)·p) in log space: finite for any logits, precise for γ near 0 or 1.
    const logMix = tf.logSumExp(
      tf.stack([tf.add(logP, Math.log1p(-gamma)), tf.fill(logP.shape, Math.log(gamma))]), 0);
    return tf.div(tf.neg(tf.mean(logMix)), 1 - gamma);
  });
}`;
}

function tailr(s: TemplateSlots): string {
  return `${jsDoc({
    form: 'tailr',
    params: [
      ['logits', '[N, C] float32 tensor of unnormalised scores.'],
      ['labels', '[N] integer class indices.'],
      ['gamma', 'γ in [0, 1].'],
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
  return tf.tidy(() => {
${LOG_P}
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
      ['gamma', 'γ in [0, 1].'],
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
  return tf.tidy(() => {
    const ids = tf.cast(labels, 'int32');
    const mask = tf.notEqual(ids, ignoreIndex);
    const targets = tf.where(mask, ids, tf.zerosLike(ids));
    const logP = tf.sum(tf.mul(tf.logSoftmax(logits), tf.oneHot(targets, logits.shape[2])), -1);
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
