import { createRequire } from 'module';
import * as path from 'path';

declare const __non_webpack_require__: NodeRequire | undefined;

/** The installed @tensorflow/tfjs-backend-wasm's folder of .wasm files, found at run time (not by webpack). */
export function installedWasmDir(): string {
  const nodeRequire =
    typeof __non_webpack_require__ === 'function' ? __non_webpack_require__ : createRequire(__filename);
  return path.dirname(nodeRequire.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
}
