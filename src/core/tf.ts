// The core's one door to TensorFlow.js: tfjs-core's API, with gradients and the CPU backend
// registered by tfRuntime (the wasm backend loads on demand, train/backend.ts).
import './tfRuntime';
export * from '@tensorflow/tfjs-core';
