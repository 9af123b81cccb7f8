// The training worker's tfjs (swapped in for tfRuntime.ts by webpack.config.js): tfjs-core with
// its gradients and the CPU backend only — no layers, converter, data or WebGL. tfjs-core comes
// first: registering a gradient reads flags that its entry module defines.
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
