import type { Classification } from './types.js';

/** One line naming the category, what it implicates and the loader, for humans. */
export function describeClassification(c: Classification): string {
  const head = c.exception
    ? `${c.category}: ${c.exception.type}: ${c.exception.message}`
    : `${c.category}: no Python traceback found`;
  const parts: string[] = [];
  if (c.module)
    parts.push(
      `module ${c.module}${c.topLevel && c.topLevel !== c.module ? ` (top level ${c.topLevel})` : ''}`,
    );
  if (c.distribution) parts.push(`distribution ${c.distribution}`);
  if (c.loader) parts.push(`loaded by ${c.loader.frame}${c.loader.group ? ` for ${c.loader.group}` : ''}`);
  else if (c.category !== 'unrelated') parts.push('no plugin loader frame');
  if (c.files.length > 0 && !c.module) parts.push(`file ${c.files[0]}`);
  return parts.length > 0 ? `${head} [${parts.join('; ')}]` : head;
}
