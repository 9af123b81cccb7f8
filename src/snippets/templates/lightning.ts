// A Lightning module whose training_step uses GammaCELoss.
import type { IntegrationTemplate, TemplateSlots } from '../types';
import { gammaCeModule, TORCH_MODULE_IMPORTS } from './torchModule';

function body(s: TemplateSlots): string {
  return `${gammaCeModule('0.1', 'None')}


class GammaCELightningModule(L.LightningModule):
    """Trains \`model\` (an nn.Module from a batch's inputs to logits) with GammaCELoss.

    Batches are (inputs, target) pairs shaped as nn.CrossEntropyLoss takes them; loss_options
    (weight, ignore_index, reduction, label_smoothing) go to GammaCELoss. With the older package
    name, import pytorch_lightning as L instead.

    trainer = L.Trainer(max_epochs=10)
    trainer.fit(GammaCELightningModule(model, gamma=0.1), train_loader, val_loader)
    """

    def __init__(self, model, gamma=${s.gamma}, threshold=${s.threshold}, learning_rate=1e-3, **loss_options):
        super().__init__()
        self.model = model
        self.loss_fn = GammaCELoss(gamma=gamma, threshold=threshold, **loss_options)
        self.learning_rate = learning_rate

    def forward(self, inputs):
        return self.model(inputs)

    def training_step(self, batch, batch_idx):
        inputs, target = batch
        loss = self.loss_fn(self(inputs), target)
        self.log("train_loss", loss, prog_bar=True)
        return loss

    def validation_step(self, batch, batch_idx):
        inputs, target = batch
        loss = self.loss_fn(self(inputs), target)
        self.log("val_loss", loss, prog_bar=True)
        return loss

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=self.learning_rate)`;
}

export const lightning: IntegrationTemplate = {
  id: 'lightning',
  framework: 'pytorch',
  label: 'PyTorch Lightning',
  detail: 'GammaCELightningModule(LightningModule): training_step and validation_step with GammaCELoss',
  snippetName: 'γ-CE LightningModule (PyTorch Lightning)',
  prefixes: ['gammace-lightning'],
  pythonImports: [...TORCH_MODULE_IMPORTS, { statement: 'import lightning as L', name: 'L', module: 'lightning' }],
  definedName: 'GammaCELightningModule',
  body,
};
