import type { Command } from 'commander';
import { auditCommand } from './audit.js';
import { configCommand } from './config.js';
import { demoCommand } from './demo.js';
import { diagnoseCommand } from './diagnose.js';
import { mergeCommand } from './merge.js';
import { runCommand } from './run.js';
import { shimCommand } from './shim.js';
import { statusCommand } from './status.js';

// Each command lives in its own file and only *declares* itself here; its action imports the
// heavy parts lazily, so `run` on a successful build never loads the classifier or the watcher.
export const commands: Array<() => Command> = [
  runCommand,
  mergeCommand,
  statusCommand,
  auditCommand,
  diagnoseCommand,
  demoCommand,
  shimCommand,
  configCommand,
];
