import { describe, expect, it } from 'vitest';
import { sectionEnd, sectionName, sectionStart } from '../../src/report/ci/gitlab.js';

describe('GitLab collapsible sections', () => {
  const t = Date.UTC(2026, 0, 1, 0, 0, 0, 900);
  it('start and end lines carry unix seconds, the name, and the header after \\r\\e[0K', () => {
    expect(sectionStart('plugin_settle_attempt_2', 'plugin-settle: attempt 2', t)).toBe(
      '\x1b[0Ksection_start:1767225600:plugin_settle_attempt_2\r\x1b[0Kplugin-settle: attempt 2',
    );
    expect(sectionEnd('plugin_settle_attempt_2', t)).toBe(
      '\x1b[0Ksection_end:1767225600:plugin_settle_attempt_2\r\x1b[0K',
    );
  });
  it('can start collapsed, keeps the header on one line and names within [A-Za-z0-9_.-]', () => {
    expect(sectionStart('a b:c', 'x\ny', t, true)).toBe(
      '\x1b[0Ksection_start:1767225600:a_b_c[collapsed=true]\r\x1b[0Kx y',
    );
    expect(sectionName('attempt #1 (retry)')).toBe('attempt__1__retry_');
  });
});
