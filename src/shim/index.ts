export { compileShim, pythonsOnPath } from './compile.js';
export { type ShimEnvOptions, shellQuote, shimEnvLines } from './env.js';
export { type InstalledShims, type InstallShimsOptions, installShims } from './install.js';
export { packageShims, type ShimLayout, shimLayout } from './layout.js';
