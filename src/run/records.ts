import type { Classification } from '../classify/index.js';
import type { ShimEvent } from './events.js';

/** What one attempt's in-process records say about its failure. */
export interface Judged {
  classification: Classification;
  /** The site-packages the failing interpreter itself reported (empty when nothing was recorded). */
  roots: string[];
  /** The record the classification comes from, if any. */
  record: ShimEvent | null;
  /** When the shim began a wait it gave up on in this attempt (epoch ms): the shared deadline's start. */
  shimWaitStarted: number | null;
}

type Classify = typeof import('../classify/index.js').classify;

/**
 * Judges an attempt by what its Python processes recorded (README "Protocol"): an exception that ended
 * a process first, then a plugin load the shim let through (a tool may catch it and exit its own way).
 * The first record that reads as an import failure wins: the innermost process, such as the build
 * backend under pip, fails before the tool that reports it. With no records (no Python, or the shim
 * off), the output tail we kept is read as text.
 */
export function judgeAttempt(records: ShimEvent[], tail: Uint8Array, classify: Classify): Judged {
  const failures = [
    ...records.filter((record) => record.event === 'exception'),
    ...records.filter((record) => record.event === 'passed'),
  ];
  // A wait the shim gave up on is the one the wrapper continues; a healed one is over.
  const gaveUp = new Set(records.filter((record) => record.event === 'gave-up').map((record) => record.pid));
  const shimWaitStarted = firstTime(
    records.filter((record) => record.event === 'waiting' && gaveUp.has(record.pid)),
  );
  let first: Judged | null = null;
  for (const record of failures) {
    const judged: Judged = {
      classification: fromRecord(record, classify),
      roots: stringsOf(record.roots),
      record,
      shimWaitStarted,
    };
    if (judged.classification.category !== 'unrelated') return judged;
    first ??= judged;
  }
  return first ?? { classification: classify(tail), roots: [], record: null, shimWaitStarted };
}

/** The recorded traceback read by the text classifier, with the exception's own fields preferred. */
function fromRecord(record: ShimEvent, classify: Classify): Classification {
  const text = typeof record.traceback === 'string' ? record.traceback : '';
  const read = classify(text);
  const c: Classification = { ...read, files: [...read.files] };
  if (!c.exception && typeof record.type === 'string')
    c.exception = { type: record.type, message: typeof record.message === 'string' ? record.message : '' };
  // ImportError.name is the module as the import system saw it, whatever the message's wording.
  const name = typeof record.name === 'string' && record.name ? record.name : null;
  if (name && (c.category === 'missing-module' || (c.category === 'missing-name' && !c.module))) {
    c.module = name;
    c.topLevel = name.split('.')[0] ?? name;
  }
  if (typeof record.path === 'string' && record.path && !c.files.includes(record.path))
    c.files.push(record.path);
  if (!c.loader && record.event === 'passed') {
    const flavour = typeof record.flavour === 'string' ? record.flavour : 'entry point';
    c.loader = {
      frame: `${flavour}:EntryPoint.load`,
      group: typeof record.group === 'string' ? record.group : null,
    };
  }
  return c;
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function firstTime(records: ShimEvent[]): number | null {
  const times = records.map((record) => Date.parse(String(record.t))).filter((time) => Number.isFinite(time));
  return times.length > 0 ? Math.min(...times) : null;
}
