// Paths the node tests share. ctest passes FLOWC_BINARY and FLOWC_SOURCE_DIR (tests/CMakeLists.txt).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const nodeModules = path.join(here, 'node_modules');
export const sourceDir = process.env.FLOWC_SOURCE_DIR ?? path.resolve(here, '../../..');
export const flowcBinary = process.env.FLOWC_BINARY ?? path.join(sourceDir, 'build/flowc');
