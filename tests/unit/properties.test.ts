/**
 * Property-based tests (fast-check) for the parsers that take whatever an admin pastes or types:
 * token extraction, login URL and alias validation, and the Data Loader codec and properties text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decryptFromDataLoader, encryptForDataLoader, fromDataLoaderText, toDataLoaderText } from '../../electron/core/dataloader/codec';
import { getProperty, propertyLine, replaceProperty } from '../../electron/core/dataloader/properties';
import { extractToken } from '../../electron/core/tokens/extract';
import { checkAlias, checkApiName, checkLoginUrl } from '../../shared/validation';

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');
const token = fc.array(fc.constantFrom(...ALNUM), { minLength: 16, maxLength: 40 }).map((chars) => chars.join(''));
const noise = fc.string({ maxLength: 200 }).map((text) => text.replace(/security\s*token/gi, ''));
const anything = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 100 }));

describe('token extraction', () => {
  it('finds the token in a reset email whatever surrounds it', () => {
    fc.assert(
      fc.property(token, noise, noise, fc.constantFrom('\n', '\r\n'), (tok, before, after, eol) => {
        const mail = [before, 'Username: admin@acme.example', `Security token (case-sensitive): ${tok}`, after].join(eol);
        const result = extractToken(mail);
        expect(result.ok && result.token).toBe(tok);
      }),
    );
  });

  it('takes a bare token as itself, trimmed', () => {
    fc.assert(fc.property(token, fc.constantFrom('', ' ', '\n', '\t '), (tok, pad) => {
      expect(extractToken(`${pad}${tok}${pad}`)).toMatchObject({ ok: true, token: tok });
    }));
  });

  // Runs of line breaks, spaces, quote markers, brackets and labels without values are what a
  // backtracking pattern rescans from every position; a megabyte of them must still be one pass.
  // (The IPC schema and the CLI refuse pastes this long; this calls the extractor directly.)
  it('reads a megabyte of adversarial text in one pass, and finds a token that follows it', () => {
    const prefix = fc.constantFrom('', 'Security token (case-sensitive):', 'security token', 'Username:', 'ユーザ名: ', 'Label:', '> ');
    const unit = fc.constantFrom('\n', '\r\n', ' ', '\n ', ' \n', '\t', '\u00a0', '> ', '>', ':', '：', '(', '"', '*', '.', '@', 'a', 'a:', 'a:\n', 'user name', 'security token:\n', 'https://');
    const runs = fc.array(unit, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''));
    const suffix = fc.constantFrom('', '!', 'x', '\nLabel: Xq7pLm2RvT9sKd4NbW8cYh3Jf');
    fc.assert(
      fc.property(prefix, runs, suffix, (start, run, end) => {
        const text = start + run.repeat(Math.ceil(1_000_000 / run.length)) + end;
        const result = extractToken(text);
        if (result.ok) expect(result.token).toMatch(/^[A-Za-z0-9]{16,40}$/);
        // Unless a "Security token" label with no token came first, the labelled token after it is found.
        if (end.includes('Label:') && !/security token/i.test(start + run)) expect(result).toMatchObject({ ok: true, token: 'Xq7pLm2RvT9sKd4NbW8cYh3Jf' });
      }),
      { numRuns: 8 },
    );
  });

  it('never throws, and anything it returns is a plausible token', () => {
    fc.assert(
      fc.property(anything, (text) => {
        const result = extractToken(text);
        if (result.ok) expect(result.token).toMatch(/^[A-Za-z0-9]{16,40}$/);
        else expect(result.message.length).toBeGreaterThan(10);
      }),
    );
  });
});

describe('login URL validation', () => {
  it('never throws; what it accepts is an http(s) origin with no path, and accepting it again changes nothing', () => {
    fc.assert(
      fc.property(fc.oneof(anything, fc.webUrl(), fc.domain()), (typed) => {
        const result = checkLoginUrl('custom', typed);
        if (!result.ok) return;
        const url = new URL(result.value);
        expect(['https:', 'http:']).toContain(url.protocol);
        expect(result.value).toBe(url.origin);
        if (url.protocol === 'http:') expect(['localhost', '127.0.0.1', '[::1]']).toContain(url.hostname);
        const again = checkLoginUrl('custom', result.value);
        expect(again.ok && again.value).toBe(result.value);
      }),
    );
  });

  it('refuses a non-loopback http address', () => {
    fc.assert(fc.property(fc.domain().filter((d) => !/^(localhost|127\.)/.test(d)), (domain) => {
      expect(checkLoginUrl('custom', `http://${domain}`).ok).toBe(false);
    }));
  });
});

describe('alias and API name validation', () => {
  it('an accepted alias is trimmed, single-spaced, at most 80 characters, free of control characters, and stable', () => {
    fc.assert(
      fc.property(anything, (typed) => {
        const result = checkAlias(typed);
        if (!result.ok) return;
        expect(result.value).toBe(result.value.trim());
        // eslint-disable-next-line no-control-regex
        expect(result.value).not.toMatch(/\s{2}|[\u0000-\u001f\u007f]/);
        expect(result.value.length).toBeLessThanOrEqual(80);
        const again = checkAlias(result.value);
        expect(again.ok && again.value).toBe(result.value);
      }),
    );
  });

  it('an accepted API name is letters, digits and underscores only', () => {
    fc.assert(fc.property(anything, (typed) => {
      const result = checkApiName(typed, 'object');
      if (result.ok) expect(result.value).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    }));
  });
});

describe('Data Loader codec', () => {
  it('decrypts what it encrypts for any password and any 16-byte key and IV', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), fc.uint8Array({ minLength: 16, maxLength: 64 }), fc.uint8Array({ minLength: 16, maxLength: 16 }), (plain, key, iv) => {
        expect(decryptFromDataLoader(encryptForDataLoader(plain, key, iv), key)).toBe(plain);
      }),
    );
  });

  it("its hex text is a bijection on bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      expect([...fromDataLoaderText(toDataLoaderText(bytes))]).toEqual([...bytes]);
    }));
  });
});

describe('properties text', () => {
  it('any value written is read back unchanged, and replacing one key leaves the other lines alone', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), (value, other) => {
        const text = ['# comment', propertyLine('other.key', other), propertyLine('sfdc.password', 'old'), 'last=1', ''].join('\n');
        expect(getProperty(text, 'other.key')).toBe(other);
        const { text: next, replaced } = replaceProperty(text, 'sfdc.password', value);
        expect(replaced).toBe(1);
        expect(getProperty(next, 'sfdc.password')).toBe(value);
        expect(next.split('\n').filter((line) => !line.startsWith('sfdc.password'))).toEqual(text.split('\n').filter((line) => !line.startsWith('sfdc.password')));
      }),
    );
  });
});
