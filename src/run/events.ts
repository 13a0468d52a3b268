import { readFile, rm } from 'node:fs/promises';

/** Reads and removes the JSON-lines file the in-process shim appended to; a torn last line is skipped. */
export async function readShimEvents(file: string): Promise<Record<string, unknown>[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  await rm(file, { force: true });
  const events: Record<string, unknown>[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const event: unknown = JSON.parse(line);
      if (event && typeof event === 'object') events.push(event as Record<string, unknown>);
    } catch {
      // A shim killed mid-write leaves a partial line; the rest is still worth reporting.
    }
  }
  return events;
}
