// In Node (tests, the CLI, dist/core.js) the whole @tensorflow/tfjs registers tfjs-core's gradients
// and the CPU backend: tfjs-core's CommonJS build has no gradient registration of its own, and its
// ES module files cannot be required. The training worker's bundle swaps in tfRuntimeLean.ts
// (webpack.config.js). Both share the one tfjs-core in node_modules, so the API is the same.
import '@tensorflow/tfjs';
