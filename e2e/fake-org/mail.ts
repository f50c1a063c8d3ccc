/**
 * The "Your new Salesforce security token" email, as Salesforce sends it after a token reset or a
 * password change (reference §5: subject, the `Username:` and `Security token (case-sensitive):`
 * lines, and the closing paragraph about using the token).
 */
import { type Mail, type UserRecord } from './model';

export const TOKEN_MAIL_SUBJECT = 'Your new Salesforce security token';

/** The mail that carries `user`'s current token, sent at `sentAt` (ms on the fake clock). */
export function securityTokenMail(user: UserRecord, sentAt: number): Mail {
  const text = [
    `Hello ${user.firstName} ${user.lastName},`,
    '',
    'You recently changed your password or requested to reset your security token. Use your new ' +
      'security token to log in to Salesforce from an API or a desktop client, such as Data Loader.',
    '',
    `Username: ${user.username}`,
    `Security token (case-sensitive): ${user.token}`,
    '',
    'For more information on using your security token, see "Reset Your Security Token" in the ' +
      'Salesforce Help. Your previous security token no longer works.',
    '',
    'Thank you,',
    'Salesforce',
    '',
  ].join('\n');
  return { to: user.email, username: user.username, subject: TOKEN_MAIL_SUBJECT, text, sentAt: new Date(sentAt).toISOString() };
}
