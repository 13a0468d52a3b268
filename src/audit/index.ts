// `plugin-settle audit`: what half-finished installs left in site-packages, before a build trips on it.
export { applyFix, type FixStep } from './fix.js';
export { formatFixStep, formatReport } from './format.js';
export { audit } from './run.js';
export type { AuditOptions, AuditReport, EntryPointDetail, Finding, FindingKind, FixOwner } from './types.js';
