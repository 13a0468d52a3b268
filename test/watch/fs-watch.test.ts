import { describe, expect, test, vi } from 'vitest';
import { fsWatchFactory } from '../../src/watch/fs-watch.js';
import { startJournal } from '../../src/watch/journal.js';

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return {
    ...actual,
    watch: (path: string) => {
      const code = path.endsWith('missing') ? 'ENOENT' : 'ENOSPC';
      throw Object.assign(new Error(`${code}: watch ${path}`), { code });
    },
  };
});
vi.mock('node:fs/promises', async (importOriginal) => ({
  ...(await importOriginal<typeof import('node:fs/promises')>()),
  readdir: async () => [],
}));

describe('fs-watch journal', () => {
  test('an inotify limit when adding the watch falls back to timestamp scans, said once', async () => {
    const warnings: string[] = [];
    const journal = startJournal(['/sp', '/sp2', '/missing'], {
      watch: fsWatchFactory,
      onWarning: (message) => warnings.push(message),
    });
    await journal.ready;
    expect(journal.degraded).toBe(true);
    expect(warnings).toEqual([expect.stringMatching(/ENOSPC.*falling back to timestamp scans/)]);
    await journal.close();
  });
});
