// A Hugging Face Transformers Trainer whose loss is GammaCELoss, with the causal-LM shift and the
// library's gradient-accumulation contract (the sum over a micro-batch / num_items_in_batch).
import type { IntegrationTemplate, TemplateSlots } from '../types';
import { gammaCeModule, TORCH_MODULE_IMPORTS } from './torchModule';

function body(s: TemplateSlots): string {
  return `${gammaCeModule('0.1', 'None')}


class GammaCETrainer(Trainer):
    """A transformers Trainer that trains with GammaCELoss (gamma-cross-entropy, or TaiLr with
    threshold=b) instead of the model's own loss.

    GammaCETrainer(model=..., args=..., train_dataset=..., gamma=0.1, threshold=None)

    causal_lm=True (language models): labels are the input ids with -100 at padding, and the
    logits at position t are scored against labels[t + 1], as the library's causal-LM loss does;
    causal_lm=False: logits and labels align (classification, token classification, seq2seq).
    Positions labelled -100 count for nothing.

    Gradient accumulation: when the Trainer passes num_items_in_batch (the labels other than
    -100 over all the micro-batches of one optimiser step, counted before the shift as for the
    library's own causal-LM loss), the loss is this micro-batch's sum divided by it, so the
    accumulated gradient is that of the whole batch;
    model_accepts_loss_kwargs = True tells the Trainer that this loss is normalised already (it
    would divide by gradient_accumulation_steps again otherwise). With
    average_tokens_across_devices the count covers every process, and the loss is multiplied
    by the number of processes, which DDP averages over. Without num_items_in_batch
    (evaluation, older versions of transformers) the loss is the mean over the labels that count.
    """

    def __init__(self, *args, gamma=${s.gamma}, threshold=${s.threshold}, causal_lm=True, **kwargs):
        super().__init__(*args, **kwargs)
        GammaCELoss(gamma=gamma, threshold=threshold)  # checks gamma and threshold now
        self.gamma = gamma
        self.threshold = threshold
        self.causal_lm = causal_lm
        self.model_accepts_loss_kwargs = True

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        if "labels" not in inputs:
            raise ValueError("GammaCETrainer needs labels in every batch (-100 where ignored)")
        labels = inputs.pop("labels")
        outputs = model(**inputs)
        logits = outputs["logits"] if isinstance(outputs, dict) else outputs[0]
        if self.causal_lm:
            logits = logits[..., :-1, :]
            labels = labels[..., 1:]
        logits = logits.reshape(-1, logits.shape[-1])
        labels = labels.reshape(-1).to(logits.device)
        reduction = "mean" if num_items_in_batch is None else "sum"
        loss_fn = GammaCELoss(gamma=self.gamma, threshold=self.threshold, reduction=reduction)
        loss = loss_fn(logits, labels)
        if num_items_in_batch is not None:
            if torch.is_tensor(num_items_in_batch):
                num_items_in_batch = num_items_in_batch.to(loss.device)
            loss = loss / num_items_in_batch
            if getattr(self.args, "average_tokens_across_devices", False):
                loss = loss * self.accelerator.num_processes
        return (loss, outputs) if return_outputs else loss`;
}

export const hfTrainer: IntegrationTemplate = {
  id: 'trainer',
  framework: 'pytorch',
  label: 'Hugging Face Trainer',
  detail: 'GammaCETrainer(Trainer): compute_loss with the causal-LM shift and num_items_in_batch',
  snippetName: 'γ-CE Trainer (Hugging Face Transformers)',
  prefixes: ['gammace-hf-trainer', 'gammace-trainer'],
  pythonImports: [...TORCH_MODULE_IMPORTS, { statement: 'from transformers import Trainer', name: 'Trainer', module: 'transformers.Trainer' }],
  definedName: 'GammaCETrainer',
  body,
};
