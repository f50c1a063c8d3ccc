/** Token extraction on a corpus of realistic pastes of Salesforce's reset email. */
import { describe, expect, it } from 'vitest';
import { extractToken, maskedPreview } from '../../electron/core/tokens/extract';

const TOKEN = 'Xq7pLm2RvT9sKd4NbW8cYh3Jf';
const USER = 'admin@acme.example';

const plain = `Hello Avery Admin,

You recently changed your password or requested to reset your security token. Use your new security token to log in to Salesforce from an API or a desktop client, such as Data Loader.

Username: ${USER}
Security token (case-sensitive): ${TOKEN}

For more information on using your security token, see "Reset Your Security Token" in the Salesforce Help. Your previous security token no longer works.

Thank you,
Salesforce
`;

const corpus: Array<[string, string]> = [
  ['plain text as sent', plain],
  ['Windows line endings', plain.replace(/\n/g, '\r\n')],
  ['quoted reply with > prefixes', plain.split('\n').map((l) => `> ${l}`).join('\n')],
  ['nested quoting', plain.split('\n').map((l) => `> > ${l}`).join('\n')],
  ['forwarded with header block', `---------- Forwarded message ---------\nFrom: Salesforce <support@salesforce.com>\nSubject: Your new Salesforce security token\n\n${plain}`],
  ['copied from HTML mail: label and token on separate lines', plain.replace(`Security token (case-sensitive): ${TOKEN}`, `Security token (case-sensitive):\n\n${TOKEN}`)],
  ['non-breaking spaces and tabs from HTML', plain.replace(`Security token (case-sensitive): ${TOKEN}`, `Security\u00A0token\u00A0(case-sensitive):\t${TOKEN}`)],
  ['zero-width characters inserted by a mail client', plain.replace(TOKEN, `\u200B${TOKEN}\u200B`)],
  ['only the two key lines, extra blank lines', `\n\n   Username: ${USER}\n\n\n   Security token (case-sensitive):    ${TOKEN}   \n\n`],
  ['label in other case, no "(case-sensitive)"', `USERNAME: ${USER}\nsecurity token: ${TOKEN}`],
  ['token wrapped in quotes with a trailing period', `Username: ${USER}\nSecurity token (case-sensitive): “${TOKEN}”.`],
  ['Outlook-style bold markers', `Username: ${USER}\n*Security token (case-sensitive):* *${TOKEN}*`],
  ['the token line anywhere, before the username', `Security token (case-sensitive): ${TOKEN}\nUsername: ${USER}\nThanks`],
];

describe('extracting the token from a pasted email', () => {
  it.each(corpus)('%s', (_name, pasted) => {
    const result = extractToken(pasted);
    expect(result).toMatchObject({ ok: true, token: TOKEN, from: 'email' });
    if (result.ok && !/^security token/i.test(pasted.trim())) expect(result.username).toBe(USER);
  });

  it('keeps the token case exactly: tokens are case-sensitive', () => {
    const result = extractToken(`Security token (case-sensitive): ${TOKEN.toLowerCase()}`);
    expect(result).toMatchObject({ ok: true, token: TOKEN.toLowerCase() });
  });
});

describe('extracting a token pasted on its own', () => {
  it.each([TOKEN, `  ${TOKEN}\n`, `"${TOKEN}"`, `${TOKEN}.`])('accepts %j', (pasted) => {
    expect(extractToken(pasted)).toEqual({ ok: true, token: TOKEN, from: 'token' });
  });
});

describe('input with no plausible token', () => {
  it.each([
    ['', /Paste the security token/],
    ['   \n  ', /Paste the security token/],
    ['hello, here is my token!', /No security token found/],
    ['Xq7pLm2RvT9s Kd4NbW8cYh3Jf', /broken by spaces/],
    ['Xq7pLm2', /7 characters long/],
    [`Username: ${USER}\nSecurity token (case-sensitive): `, /no complete token/],
    [`Security token (case-sensitive): ${TOKEN.slice(0, 10)}…`, /no complete token/],
  ])('%j gets a clear message', (pasted, message) => {
    const result = extractToken(pasted);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});

describe('masked preview', () => {
  it('shows only the ends of the token', () => {
    expect(maskedPreview(TOKEN)).toBe(`Xq${'•'.repeat(21)}Jf`);
    expect(maskedPreview('abc')).toBe('•••');
  });
});
