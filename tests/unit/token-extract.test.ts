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

/**
 * The reset email in the languages Salesforce sends it in: its `Username` line, then its token line.
 *
 * Confirmed from captured emails: English (public code that filters these mails on exactly these
 * lines, and vendors' help pages) and Japanese (a vendor's setup guide showing the whole mail).
 * Inferred, not seen in a captured email: German, French, Spanish, Italian, Portuguese (Brazil),
 * Chinese (simplified and traditional), Korean and Dutch — the English lines in Salesforce's usual
 * words for "security token" and "username" in those languages. The extractor knows these labels,
 * and reads any other language by the email's structure (the last group).
 */
const LANGUAGES: Array<[language: string, usernameLabel: string, tokenLabel: string]> = [
  ['English (confirmed)', 'Username:', 'Security token (case-sensitive):'],
  ['Japanese (confirmed)', 'ユーザ名:', 'セキュリティトークン (大文字と小文字を区別):'],
  ['Japanese, fullwidth colon and brackets (confirmed labels)', 'ユーザ名：', 'セキュリティトークン（大文字と小文字を区別）：'],
  ['German (inferred)', 'Benutzername:', 'Sicherheitstoken (Groß-/Kleinschreibung beachten):'],
  ['German, hyphenated (inferred)', 'Benutzername:', 'Sicherheits-Token (Groß-/Kleinschreibung beachten):'],
  ['French (inferred)', 'Nom d’utilisateur :', 'Jeton de sécurité (sensible à la casse) :'],
  ['Spanish (inferred)', 'Nombre de usuario:', 'Token de seguridad (distingue mayúsculas y minúsculas):'],
  ['Italian (inferred)', 'Nome utente:', 'Token di sicurezza (distinzione tra maiuscole e minuscole):'],
  ['Portuguese (inferred)', 'Nome de usuário:', 'Token de segurança (diferencia maiúsculas e minúsculas):'],
  ['Chinese, simplified (inferred)', '用户名：', '安全令牌（区分大小写）：'],
  ['Chinese, traditional (inferred)', '使用者名稱：', '安全性權杖 (區分大小寫)：'],
  ['Korean (inferred)', '사용자 이름:', '보안 토큰(대/소문자 구분):'],
  ['Dutch (inferred)', 'Gebruikersnaam:', 'Beveiligingstoken (hoofdlettergevoelig):'],
  // Languages whose labels the extractor does not know: found by structure alone.
  ['Thai (structure only)', 'ชื่อผู้ใช้:', 'โทเค็นความปลอดภัย (ตรงตามตัวพิมพ์เล็กและใหญ่):'],
  ['Polish (structure only)', 'Nazwa użytkownika:', 'Token zabezpieczeń (wielkość liter ma znaczenie):'],
  ['Turkish (structure only)', 'Kullanıcı adı:', 'Güvenlik belirteci (büyük/küçük harfe duyarlı):'],
  ['Russian (structure only)', 'Имя пользователя:', 'Маркер безопасности (с учетом регистра):'],
];

/** A whole email around the two lines; the prose is the same in every language here (it is not read). */
const mailWith = (usernameLine: string, tokenLine: string) =>
  ['Salesforce', '', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit: sed do eiusmod tempor.', '', usernameLine, tokenLine, '', 'https://help.salesforce.com/'].join('\n');

describe.each(LANGUAGES)('a reset email in %s', (_language, usernameLabel, tokenLabel) => {
  const variants: Array<[string, string]> = [
    ['as sent', mailWith(`${usernameLabel} ${USER}`, `${tokenLabel} ${TOKEN}`)],
    ['copied from HTML mail, the token below its label', mailWith(`${usernameLabel} ${USER}`, `${tokenLabel}\n\n${TOKEN}`)],
    ['quoted in a reply, with Windows line endings', mailWith(`${usernameLabel} ${USER}`, `${tokenLabel} ${TOKEN}`).split('\n').map((l) => `> ${l}`).join('\r\n')],
    ['with the colon against the value', mailWith(`${usernameLabel}${USER}`, `${tokenLabel}${TOKEN}`)],
  ];
  it.each(variants)('%s: gives the token and the username', (_variant, pasted) => {
    expect(extractToken(pasted)).toEqual({ ok: true, token: TOKEN, username: USER, from: 'email' });
  });
});

describe('reading an email by its structure', () => {
  const otherLines = [
    'Organisation: Acme Corporation',
    'Login-URL: https://acme.my.salesforce.com',
    'Org ID: 00D5g000004XyZaEAK',
    'Thema: Rindfleischetikettierung',
    'Session: 00D5g000004XyZa!AQ0AQHVgNjNfZzVnMDAwMDA0WHlaYQ',
  ];

  it('takes the token, not a URL, org name, org id, long word or session id on other label lines', () => {
    const pasted = [...otherLines, `Benutzer: ${USER}`, `Jeton: ${TOKEN}`, 'Danke'].join('\n');
    expect(extractToken(pasted)).toEqual({ ok: true, token: TOKEN, username: USER, from: 'email' });
  });

  it('finds no token when only such lines are there', () => {
    const result = extractToken([...otherLines, `Benutzer: ${USER}`].join('\n'));
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/No security token found/) });
  });

  it('takes a username only from the line right before the token line', () => {
    const pasted = [`Von: ${USER}`, '', 'Hallo,', `Jeton: ${TOKEN}`].join('\n');
    expect(extractToken(pasted)).toEqual({ ok: true, token: TOKEN, from: 'email' });
  });

  it('prefers a known label to a guess, and says so when the known label has no complete token', () => {
    const pasted = [`Jeton: ${TOKEN}`, `Security token (case-sensitive): ${TOKEN.slice(0, 10)}`].join('\n');
    expect(extractToken(pasted)).toMatchObject({ ok: false, message: expect.stringMatching(/no complete token/) });
  });

  it('keeps a username with control characters as it is, for the front ends to show safely', () => {
    const username = 'evil\u001b[2J\u0007@acme.example';
    expect(extractToken(`Username: ${username}\nSecurity token (case-sensitive): ${TOKEN}`)).toMatchObject({ ok: true, username });
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
