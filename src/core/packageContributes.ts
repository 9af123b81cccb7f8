/**
 * The parts of package.json that restate core: the `gammaCe.training.*` settings (from the settings
 * spec) and the explorer/editor menus' file-type clauses (from DATA_FILE_EXTENSIONS).
 * scripts/generate-package-contributes.js writes them at build time; test/unit/packageFresh.test.ts
 * fails when the committed package.json is stale.
 */
import { DATA_FILE_EXTENSIONS, DATASET_FILE_EXTENSIONS } from './data/fileTypes';
import { LM_COMMAND, TEXT_FILE_EXTENSIONS } from './lm/textFileTypes';
import type { AnySetting, NumberBounds } from './train/settings';
import { LABEL_NOISE_SETTING, trainSettingEntries } from './train/settings';

export const SETTINGS_PREFIX = 'gammaCe.training';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** `when` of the menu entries offered on data files (datasets: the training commands' entries, no .npy). */
export function dataFileWhenClause(kind: 'predictions' | 'dataset' = 'predictions'): string {
  const extensions = kind === 'dataset' ? DATASET_FILE_EXTENSIONS : DATA_FILE_EXTENSIONS;
  return `resourceExtname =~ /^\\.(${extensions.join('|')})$/i`;
}

/** `when` of the menu entries of "Train a Language Model…": text and source files. */
export function textFileWhenClause(): string {
  return `resourceExtname =~ /^\\.(${TEXT_FILE_EXTENSIONS.join('|')})$/i`;
}

/** The commands whose menu entries are offered on datasets rather than on any data file. */
export const DATASET_COMMANDS: ReadonlySet<string> = new Set(['gammaCe.trainWithGammaCe']);

/** The user settings, in the spec's order, as package.json's `contributes.configuration.properties`. */
export function configurationProperties(): JsonObject {
  const settings: Array<[string, AnySetting]> = [
    ...trainSettingEntries(),
    [LABEL_NOISE_SETTING.key, LABEL_NOISE_SETTING],
  ];
  return Object.fromEntries(
    settings.filter(([, s]) => s.user).map(([key, s]) => [`${SETTINGS_PREFIX}.${key}`, settingJsonSchema(s)]),
  );
}

export function settingJsonSchema(setting: AnySetting): JsonObject {
  const tail = { default: setting.default as Json, description: setting.description };
  switch (setting.kind) {
    case 'number': {
      const type = setting.bounds?.integer ? 'integer' : 'number';
      return {
        type: setting.nullable ? [type, 'null'] : type,
        ...(setting.bounds ? boundsSchema(setting.bounds) : {}),
        ...tail,
      };
    }
    case 'list': {
      const items = { type: setting.items.integer ? 'integer' : 'number', ...boundsSchema(setting.items) };
      const distinct: JsonObject = setting.distinct ? { uniqueItems: true } : {};
      return { type: setting.nullable ? ['array', 'null'] : 'array', items, minItems: 1, ...distinct, ...tail };
    }
    case 'enum':
      return { type: 'string', enum: [...setting.values], ...tail };
    case 'enumList':
      return { type: 'array', items: { type: 'string', enum: [...setting.values] }, ...tail };
    case 'boolean':
      return { type: 'boolean', ...tail };
  }
}

function boundsSchema(b: NumberBounds): JsonObject {
  const schema: JsonObject = { [b.exclusiveMinimum ? 'exclusiveMinimum' : 'minimum']: b.minimum };
  if (b.maximum !== undefined) schema[b.exclusiveMaximum ? 'exclusiveMaximum' : 'maximum'] = b.maximum;
  return schema;
}

/**
 * package.json with its generated parts rewritten: the configuration's properties, and the `when`
 * of every menu entry that tests resourceExtname (the language model's: text files; all others: data files).
 */
export function withGeneratedContributes(pkg: JsonObject): JsonObject {
  const copy = JSON.parse(JSON.stringify(pkg)) as JsonObject;
  const contributes = copy.contributes as JsonObject;
  (contributes.configuration as JsonObject).properties = configurationProperties();
  for (const entries of Object.values(contributes.menus as JsonObject)) {
    for (const entry of entries as JsonObject[]) {
      if (typeof entry.when === 'string' && entry.when.includes('resourceExtname'))
        entry.when =
          entry.command === LM_COMMAND
            ? textFileWhenClause()
            : dataFileWhenClause(DATASET_COMMANDS.has(entry.command as string) ? 'dataset' : 'predictions');
    }
  }
  return copy;
}

/** The text of package.json as npm writes it. */
export function packageJsonText(pkg: JsonObject): string {
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** The regenerated text of a package.json text. */
export function regeneratePackageJson(text: string): string {
  return packageJsonText(withGeneratedContributes(JSON.parse(text) as JsonObject));
}
