// @ts-check
const path = require('path');
const CopyPlugin = require('copy-webpack-plugin');

const dist = path.resolve(__dirname, 'dist');

/** @returns {import('webpack').Configuration} */
function bundle(name, entry, overrides = {}) {
  return {
    name,
    target: 'node',
    entry,
    output: { path: dist, filename: `${name}.js`, library: { type: 'commonjs2' } },
    resolve: { extensions: ['.ts', '.js'] },
    module: {
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true } } }],
    },
    // Callers of dist/core.js and the CLI share the one tfjs in node_modules.
    externals: {
      vscode: 'commonjs vscode',
      '@tensorflow/tfjs': 'commonjs @tensorflow/tfjs',
      '@tensorflow/tfjs-backend-wasm': 'commonjs @tensorflow/tfjs-backend-wasm',
    },
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
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { module: 'es2022' } } } }],
    },
  }),
  bundle('parseWorker', './src/worker/parseWorker.ts'),
  // The training worker carries tfjs and its wasm backend itself: the .vsix has no node_modules.
  bundle('trainWorker', './src/worker/trainWorker.ts', {
    externals: {},
    plugins: [
      new CopyPlugin({
        patterns: [{ from: 'node_modules/@tensorflow/tfjs-backend-wasm/dist/*.wasm', to: 'wasm/[name][ext]' }],
      }),
    ],
  }),
  bundle('datasetWorker', './src/worker/datasetWorker.ts'),
  bundle('core', './src/core/index.ts'),
  bundle('cli', './src/cli/main.ts'),
  ...['calibration', 'training'].map((panel) =>
    bundle(`webview/${panel}`, `./src/webview/${panel}/main.ts`, {
      target: 'web',
      externals: {},
      module: {
        rules: [
          {
            test: /\.ts$/,
            exclude: /node_modules/,
            use: { loader: 'ts-loader', options: { transpileOnly: true, configFile: path.resolve(__dirname, 'src/webview/tsconfig.json') } },
          },
        ],
      },
    }),
  ),
];

// Build-time only, for scripts/generate-snippets.js: not in the .vsix.
module.exports.push(bundle('snippets', './src/snippets/index.ts'));
