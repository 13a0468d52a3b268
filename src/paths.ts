import { fileURLToPath } from 'node:url';

// This file sits one level below the package root both as source (src/) and bundled (dist/, where
// the bundler keeps every chunk flat), so the package's own shims are found from either.
export const packageRoot = fileURLToPath(new URL('..', import.meta.url));
export const pythonShimDir = fileURLToPath(new URL('../shims/python', import.meta.url));
