import { describe, expect, it } from 'vitest';
import { canonicalId, to18 } from '../../../e2e/fake-org';

describe('Salesforce ids', () => {
  it('adds the checksum suffix Salesforce documents for 18-character ids', () => {
    expect(to18('00Di0000000icUB')).toBe('00Di0000000icUBEAY');
    expect(to18('005i0000002MUqL')).toBe('005i0000002MUqLAAW');
  });

  it('refuses anything that is not a 15-character id', () => {
    expect(() => to18('00Di0000000icU')).toThrow(/15-character/);
  });

  it('restores the case of an 18-character id from its suffix, so any letter case finds the record', () => {
    expect(canonicalId('00DI0000000ICUBEAY')).toBe('00Di0000000icUB');
    expect(canonicalId('00di0000000icubeay')).toBe('00Di0000000icUB');
    expect(canonicalId('00Di0000000icUB')).toBe('00Di0000000icUB');
  });

  it('rejects an 18-character id whose suffix marks digits as upper case or leaves the suffix alphabet', () => {
    expect(canonicalId('00Di0000000icUB5AY')).toBeNull();
    expect(canonicalId('00Di0000000icUB9AY')).toBeNull();
    expect(canonicalId('not-an-id')).toBeNull();
  });
});
