/**
 * The file names "Train a Language Model…" is offered on (the explorer menu) and lists from the
 * workspace: plain text, markup and source code. Any other file can still be chosen with Browse…:
 * its bytes decide (decodeTextFile refuses binary and non-UTF-8 files with one message).
 */
export const TEXT_FILE_EXTENSIONS: readonly string[] = [
  'txt',
  'md',
  'markdown',
  'rst',
  'tex',
  'org',
  'adoc',
  'html',
  'css',
  'ts',
  'tsx',
  'js',
  'jsx',
  'mjs',
  'py',
  'ipynb',
  'c',
  'h',
  'cc',
  'cpp',
  'hpp',
  'java',
  'kt',
  'cs',
  'go',
  'rs',
  'rb',
  'php',
  'swift',
  'scala',
  'hs',
  'ml',
  'lua',
  'r',
  'jl',
  'sh',
  'sql',
  'yaml',
  'yml',
  'toml',
  'xml',
];

/** The command that trains a language model, whose menu entries get the text-file clause. */
export const LM_COMMAND = 'gammaCe.trainLanguageModel';
