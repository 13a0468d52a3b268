import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/index.js';
import { comparable, loadCorpus, wanted } from './corpus.js';

const corpus = loadCorpus();

describe('the fixture corpus (real failures, every interpreter found when it was made)', () => {
  it('is there', () => {
    expect(corpus.length).toBeGreaterThan(100);
  });

  it.each(corpus.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    const classification = classify(fixture.log);
    expect(comparable(classification, fixture.expected)).toEqual(wanted(fixture.expected));
    if (classification.category !== 'unrelated') expect(classification.exception).not.toBeNull();
  });
});
