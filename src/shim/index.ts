export { type ShimEnvOptions, shellQuote, shimEnvLines } from './env.js';
export { type InstallShimsOptions, installShims } from './install.js';
export { packageShims, type ShimLayout, shimLayout } from './layout.js';
