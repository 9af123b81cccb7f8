import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as path from 'path';
import type { BackendName } from './config';

let wasmPathsSet = false;

/**
 * Switches tfjs to the WebAssembly backend, its .wasm files found in `wasmDir`, falling back to the
 * plain CPU backend. Returns the backend in use.
 */
export async function useBackend(preferred: BackendName, wasmDir: string): Promise<string> {
  tf.enableProdMode();
  if (preferred === 'wasm') {
    try {
      // The paths can only be set before the wasm backend first initialises.
      if (!wasmPathsSet) setWasmPaths(`${wasmDir}${path.sep}`);
      wasmPathsSet = true;
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return tf.getBackend();
      }
    } catch {
      // fall through to the CPU backend
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return tf.getBackend();
}
