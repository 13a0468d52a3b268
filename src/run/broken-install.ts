import type { Implicated, Monitor } from '../watch/index.js';

/**
 * After the tree settled and the probe still fails: the implicated distribution whose metadata is
 * there without its code, with no installer at work and nothing moving, is a broken install (a
 * crashed installer, a broken package), and the answer names it.
 */
export async function brokenInstallNote(monitor: Pick<Monitor, 'incomplete'>, implicated: Implicated) {
  const broken = await monitor.incomplete(implicated).catch(() => []);
  const first = broken[0];
  if (!first) return '';
  const shown = first.missing.slice(0, 3).join(', ') + (first.missing.length > 3 ? ', …' : '');
  return `; ${first.distribution} is a broken install (${first.metadata} is there, ${shown} is not, and no installer is at work)`;
}
