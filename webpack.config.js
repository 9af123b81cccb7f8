// @ts-check
const path = require('path');
const CopyPlugin = require('copy-webpack-plugin');
const { NormalModuleReplacementPlugin } = require('webpack');

const dist = path.resolve(__dirname, 'dist');

/** hyparquet's RLE runs bounded by their page (scripts/webpack/boundRleRuns.js says why). */
const HYPARQUET_PATCH = {
  test: /hyparquet[\\/]src[\\/]encoding\.js$/,
  use: path.resolve(__dirname, 'scripts', 'webpack', 'boundRleRuns.js'),
};

/** @returns {import('webpack').Configuration} */
function bundle(name, entry, overrides = {}) {
  return {
    name,
    target: 'node',
    entry,
    output: { path: dist, filename: `${name}.js`, library: { type: 'commonjs2' } },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [
        { test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true } } },
        HYPARQUET_PATCH,
      ],
    },
    // Callers of dist/core.js and the CLI share the one tfjs in node_modules.
    externals: [
      { vscode: 'commonjs vscode' },
      ({ request }, callback) =>
        /^@tensorflow\//.test(request ?? '') ? callback(undefined, `commonjs ${request}`) : callback(),
    ],
    devtool: 'nosources-source-map',
    infrastructureLogging: { level: 'warn' },
    stats: 'errors-warnings',
    ...overrides,
  };
}

module.exports = [
  bundle('extension', './src/extension/extension.ts', {
    // ES modules for webpack, so that it keeps only the parts of zod the schemas use (require() keeps all of it).
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { module: 'es2022' } } },
        },
        HYPARQUET_PATCH,
      ],
    },
  }),
  bundle('dataWorker', './src/worker/dataWorker.ts'),
  // The training worker carries tfjs and its wasm backend itself: the .vsix has no node_modules.
  // Only tfjs-core, its gradients and the cpu and wasm backends: tfRuntime.ts (the whole of
  // @tensorflow/tfjs, for Node) gives way to tfRuntimeLean.ts.
  bundle('trainWorker', './src/worker/trainWorker.ts', {
    externals: {},
    // tfjs-core requires node-fetch only where Node has no global fetch (Node < 18), and the worker
    // fetches nothing (the .wasm files are read from disk): left out, with its 300 KB of URL tables.
    resolve: { extensions: ['.ts', '.js'], alias: { 'node-fetch': false } },
    plugins: [
      new NormalModuleReplacementPlugin(/^\.\/tfRuntime$/, './tfRuntimeLean'),
      new CopyPlugin({
        patterns: [{ from: 'node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm', to: 'wasm/[name][ext]' }],
      }),
    ],
  }),
  bundle('core', './src/core/index.ts'),
  bundle('cli', './src/cli/main.ts'),
  ...['calibration', 'training', 'lm'].map((panel) =>
    bundle(`webview/${panel}`, `./src/webview/${panel}/main.ts`, {
      target: 'web',
      externals: {},
      module: {
        rules: [
          {
            test: /\.ts$/,
            exclude: /node_modules/,
            use: {
              loader: 'ts-loader',
              options: { transpileOnly: true, configFile: path.resolve(__dirname, 'src/webview/tsconfig.json') },
            },
          },
        ],
      },
    }),
  ),
];

// Build-time only, for scripts/generate-snippets.js: not in the .vsix.
module.exports.push(bundle('snippets', './src/snippets/index.ts'));
// Build-time only, for scripts/generate-package-contributes.js: not in the .vsix.
module.exports.push(bundle('contributes', './src/core/packageContributes.ts'));
