import * as tf from '../tf';
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
      // Loaded on demand: importing it registers 'wasm' as tfjs's preferred backend, which would
      // leave every other user of the core with an uninitialised default backend.
      const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
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
