import { describe, expect, it } from 'vitest';
import { classify, raceEvidenceHint } from '../../src/classify/index.js';

const failing = (exception: string) =>
  `Traceback (most recent call last):\n  File "setup.py", line 5, in <module>\n    import pbr\n${exception}\n`;

describe('raceEvidenceHint', () => {
  it('points a not-a-race import failure at `plugin-settle audit`, where a broken install shows', () => {
    for (const exception of [
      "ModuleNotFoundError: No module named 'pbr'",
      "ImportError: cannot import name 'version' from 'pbr' (/usr/lib/python3/dist-packages/pbr/__init__.py)",
      "pkg_resources.DistributionNotFound: The 'pbr' distribution was not found and is required by the application",
    ]) {
      const hint = raceEvidenceHint(classify(failing(exception)));
      expect(hint, exception).toMatch(/^A race if /);
      expect(hint, exception).toContain('`plugin-settle audit` lists half-finished installs');
    }
  });

  it('says nothing of audit for a failure no installation explains', () => {
    const hint = raceEvidenceHint(classify(failing('ValueError: bad version')));
    expect(hint).not.toContain('audit');
  });
});
