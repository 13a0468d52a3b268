import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { END, renderReference, START, withReference } from '../../scripts/cli-reference.js';
import { commands } from '../../src/commands/index.js';
import * as settings from '../../src/config/run-options.js';

const README = new URL('../../README.md', import.meta.url);

describe('the README CLI reference', () => {
  it('matches the commander definitions (run `node scripts/cli-reference.js` after changing a command)', async () => {
    const readme = await readFile(README, 'utf8');
    expect(readme).toContain(START);
    expect(readme).toContain(END);
    const current = readme.slice(readme.indexOf(START), readme.indexOf(END) + END.length);
    const wanted = withReference(readme, renderReference(commands, settings));
    const expected = wanted.slice(wanted.indexOf(START), wanted.indexOf(END) + END.length);
    expect(current).toBe(expected);
  });

  it('lists every option of every command, with its variable and default', () => {
    const reference = renderReference(commands, settings);
    for (const make of commands) expect(reference).toContain(`### \`plugin-settle ${make().name()}`);
    expect(reference).toContain(
      '| `--max-wait <ms>` | `PLUGIN_SETTLE_MAX_WAIT` | `120000` | longest wait for a merge to finish |',
    );
    expect(reference).toContain('| `--hold` | `PLUGIN_SETTLE_HOLD` |  |');
    expect(reference).toContain(
      '| `maxWait` | `max-wait` | milliseconds as a number ≥ 0, or a string like "750ms" or "2s" | `--max-wait <ms>` | `PLUGIN_SETTLE_MAX_WAIT` |',
    );
  });

  it('replaces only what lies between the markers, and appends the section when they are missing', () => {
    const readme = `# x\n\nintro\n\n${START}\nold\n${END}\n\n## after\n`;
    expect(withReference(readme, 'new')).toBe(`# x\n\nintro\n\n${START}\nnew\n${END}\n\n## after\n`);
    expect(withReference('# x\n', 'new')).toBe(`# x\n\n${START}\nnew\n${END}\n`);
  });
});
