// The framework integrations (a class or function for a training library) and how they join the
// loss forms in the insert command's form pick.
import { FORM_LABELS } from './frameworks';
import { hfTrainer } from './templates/hfTrainer';
import { keras3 } from './templates/keras3';
import { lightning } from './templates/lightning';
import { optax } from './templates/optax';
import { torchModule } from './templates/torchModule';
import type { FrameworkId, IntegrationId, IntegrationTemplate, SnippetKind } from './types';
import { FORMS, INTEGRATION_IDS } from './types';

export const INTEGRATIONS: Record<IntegrationId, IntegrationTemplate> = {
  module: torchModule,
  trainer: hfTrainer,
  lightning,
  keras3,
  optax,
};

export function isIntegration(kind: SnippetKind): kind is IntegrationId {
  return (INTEGRATION_IDS as readonly string[]).includes(kind);
}

/** What the form pick offers for a framework: its loss forms, then its integrations. */
export function kindsFor(framework: FrameworkId): SnippetKind[] {
  return [...FORMS, ...INTEGRATION_IDS.filter((id) => INTEGRATIONS[id].framework === framework)];
}

export function kindLabel(kind: SnippetKind): { label: string; detail: string } {
  return isIntegration(kind) ? INTEGRATIONS[kind] : FORM_LABELS[kind];
}
