import { describe, expect, it } from 'vitest';
import { booleanValue, collectPaths, durationMs, nonNegativeInteger, oneOf } from '../../src/config/parse.js';

describe('value parsers', () => {
  it('accepts whole numbers and rejects the rest', () => {
    expect(nonNegativeInteger('3')).toBe(3);
    for (const bad of ['-1', '1.5', 'abc', '']) expect(() => nonNegativeInteger(bad)).toThrow(/whole number/);
  });
  it('reads durations in ms or s', () => {
    expect(durationMs('750')).toBe(750);
    expect(durationMs('750ms')).toBe(750);
    expect(durationMs('2s')).toBe(2000);
    expect(durationMs('1.5s')).toBe(1500);
    expect(() => durationMs('abc')).toThrow(/duration/);
    expect(() => durationMs('-5')).toThrow(/duration/);
  });
  it('reads booleans the usual ways', () => {
    expect(booleanValue('1')).toBe(true);
    expect(booleanValue('off')).toBe(false);
    expect(() => booleanValue('maybe')).toThrow(/expected/);
  });
  it('limits choices', () => {
    expect(oneOf(['a', 'b'])('a')).toBe('a');
    expect(() => oneOf(['a', 'b'])('c')).toThrow(/one of a, b/);
  });
  it('collects repeated and delimiter-joined paths', () => {
    expect(collectPaths('/b:/c', ['/a'])).toEqual(['/a', '/b', '/c']);
  });
});
