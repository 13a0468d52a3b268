import type { Decision } from '../run/decision.js';
import { attemptFacts } from './ci/facts.js';

/** `--verbose`: a decision and the evidence it rests on, one line each. */
export function explainDecision(n: number, decision: Decision): string[] {
  const lines = [`attempt ${n}: decided ${decision.action}: ${decision.reason}`];
  if (!decision.details) return lines;
  const facts = attemptFacts(decision.details);
  if (facts.loader) lines.push(`attempt ${n}: plugin loader ${facts.loader}`);
  for (const merge of facts.merges)
    lines.push(
      `attempt ${n}: evidence: ${merge.stale ? 'stale marker' : 'merge in progress'} ${merge.kind} ${merge.path}${merge.pid ? ` (pid ${merge.pid})` : ''}`,
    );
  for (const change of facts.changes)
    lines.push(
      `attempt ${n}: evidence: ${change.kind} ${change.path}${change.source ? ` (${change.source})` : ''}`,
    );
  return lines;
}
