/**
 * The "Your new Salesforce security token" email, as Salesforce sends it after a token reset or a
 * password change: a greeting, why it was sent, a `Username: …` line followed by a
 * `Security token (case-sensitive): …` line, and a closing paragraph about using the token.
 *
 * Salesforce writes it in the user's language (`User.LanguageLocaleKey`). The English and Japanese
 * label lines are from captured emails; the other languages' wording is UNCONFIRMED: our
 * translation of the English mail, with Salesforce's usual term for the token where we know it.
 */
import { type Mail, type UserRecord } from './model';

/** The languages the fake org mails in, by Salesforce's `LanguageLocaleKey`. */
export const MAIL_LANGUAGES = ['en_US', 'ja', 'de', 'fr', 'es', 'it', 'pt_BR', 'zh_CN', 'zh_TW', 'ko', 'nl_NL', 'th'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

export const TOKEN_MAIL_SUBJECT = 'Your new Salesforce security token';

interface TokenMailText {
  subject: string;
  greeting(name: string): string;
  why: string;
  usernameLabel: string;
  tokenLabel: string;
  more: string;
  closing: string[];
}

const HELP_URL = 'https://help.salesforce.com/s/articleView?id=xcloud.user_security_token.htm';

const TEXTS: Record<MailLanguage, TokenMailText> = {
  en_US: {
    subject: TOKEN_MAIL_SUBJECT,
    greeting: (name) => `Hello ${name},`,
    why:
      'You recently changed your password or requested to reset your security token. Use your new ' +
      'security token to log in to Salesforce from an API or a desktop client, such as Data Loader.',
    usernameLabel: 'Username:',
    tokenLabel: 'Security token (case-sensitive):',
    more: 'For more information on using your security token, see "Reset Your Security Token" in the Salesforce Help. Your previous security token no longer works.',
    closing: ['Thank you,', 'Salesforce'],
  },
  // The two label lines as captured; the sentences around them are ours.
  ja: {
    subject: '新しい Salesforce セキュリティトークン',
    greeting: (name) => `${name} 様`,
    why: 'パスワードの変更またはセキュリティトークンのリセットが要求されたため、新しい Salesforce セキュリティトークンをお送りします。API またはデスクトップクライアントからログインするときにお使いください。',
    usernameLabel: 'ユーザ名:',
    tokenLabel: 'セキュリティトークン (大文字と小文字を区別):',
    more: `セキュリティトークンの使い方については、${HELP_URL} の「セキュリティトークンのリセット」を参照してください。以前のセキュリティトークンは使用できなくなりました。`,
    closing: ['Salesforce'],
  },
  de: {
    subject: 'Ihr neues Salesforce-Sicherheitstoken',
    greeting: (name) => `Hallo ${name},`,
    why: 'Sie haben vor Kurzem Ihr Kennwort geändert oder Ihr Sicherheitstoken zurückgesetzt. Verwenden Sie Ihr neues Sicherheitstoken, um sich über die API oder einen Desktop-Client wie Data Loader bei Salesforce anzumelden.',
    usernameLabel: 'Benutzername:',
    tokenLabel: 'Sicherheitstoken (Groß-/Kleinschreibung beachten):',
    more: 'Weitere Informationen finden Sie unter „Zurücksetzen Ihres Sicherheitstokens“ in der Salesforce-Hilfe. Ihr bisheriges Sicherheitstoken funktioniert nicht mehr.',
    closing: ['Vielen Dank', 'Salesforce'],
  },
  fr: {
    subject: 'Votre nouveau jeton de sécurité Salesforce',
    greeting: (name) => `Bonjour ${name},`,
    why: 'Vous avez récemment modifié votre mot de passe ou demandé la réinitialisation de votre jeton de sécurité. Utilisez votre nouveau jeton de sécurité pour vous connecter à Salesforce depuis une API ou un client de bureau tel que Data Loader.',
    usernameLabel: 'Nom d’utilisateur :',
    tokenLabel: 'Jeton de sécurité (sensible à la casse) :',
    more: 'Pour plus d’informations, consultez « Réinitialisation de votre jeton de sécurité » dans l’aide de Salesforce. Votre ancien jeton de sécurité ne fonctionne plus.',
    closing: ['Merci,', 'Salesforce'],
  },
  es: {
    subject: 'Su nuevo token de seguridad de Salesforce',
    greeting: (name) => `Hola ${name}:`,
    why: 'Recientemente cambió su contraseña o solicitó restablecer su token de seguridad. Utilice su nuevo token de seguridad para iniciar sesión en Salesforce desde una API o un cliente de escritorio, como Data Loader.',
    usernameLabel: 'Nombre de usuario:',
    tokenLabel: 'Token de seguridad (distingue mayúsculas y minúsculas):',
    more: 'Para obtener más información, consulte "Restablecer su token de seguridad" en la Ayuda de Salesforce. Su token de seguridad anterior ya no funciona.',
    closing: ['Gracias,', 'Salesforce'],
  },
  it: {
    subject: 'Il tuo nuovo token di sicurezza Salesforce',
    greeting: (name) => `Gentile ${name},`,
    why: 'Hai recentemente modificato la password o richiesto la reimpostazione del token di sicurezza. Usa il nuovo token di sicurezza per accedere a Salesforce da un’API o da un client desktop come Data Loader.',
    usernameLabel: 'Nome utente:',
    tokenLabel: 'Token di sicurezza (distinzione tra maiuscole e minuscole):',
    more: 'Per ulteriori informazioni, consulta "Reimpostazione del token di sicurezza" nella Guida di Salesforce. Il token di sicurezza precedente non funziona più.',
    closing: ['Grazie,', 'Salesforce'],
  },
  pt_BR: {
    subject: 'Seu novo token de segurança do Salesforce',
    greeting: (name) => `Olá ${name},`,
    why: 'Você alterou sua senha recentemente ou solicitou a redefinição do seu token de segurança. Use o novo token de segurança para fazer login no Salesforce a partir de uma API ou de um cliente de desktop, como o Data Loader.',
    usernameLabel: 'Nome de usuário:',
    tokenLabel: 'Token de segurança (diferencia maiúsculas e minúsculas):',
    more: 'Para obter mais informações, consulte "Redefinir seu token de segurança" na Ajuda do Salesforce. Seu token de segurança anterior não funciona mais.',
    closing: ['Obrigado,', 'Salesforce'],
  },
  zh_CN: {
    subject: '您的新 Salesforce 安全令牌',
    greeting: (name) => `${name}，您好：`,
    why: '您最近更改了密码或请求重置安全令牌。请使用新的安全令牌从 API 或桌面客户端（例如 Data Loader）登录 Salesforce。',
    usernameLabel: '用户名：',
    tokenLabel: '安全令牌（区分大小写）：',
    more: '有关使用安全令牌的详细信息，请参阅 Salesforce 帮助中的“重置您的安全令牌”。您之前的安全令牌已失效。',
    closing: ['谢谢！', 'Salesforce'],
  },
  zh_TW: {
    subject: '您的新 Salesforce 安全性權杖',
    greeting: (name) => `${name}，您好：`,
    why: '您最近變更了密碼或要求重設安全性權杖。請使用新的安全性權杖從 API 或桌面用戶端（例如 Data Loader）登入 Salesforce。',
    usernameLabel: '使用者名稱：',
    tokenLabel: '安全性權杖 (區分大小寫)：',
    more: '如需使用安全性權杖的詳細資訊，請參閱 Salesforce 說明中的「重設您的安全性權杖」。您先前的安全性權杖已無法使用。',
    closing: ['謝謝！', 'Salesforce'],
  },
  ko: {
    subject: '새 Salesforce 보안 토큰',
    greeting: (name) => `${name}님, 안녕하세요.`,
    why: '최근에 암호를 변경했거나 보안 토큰 재설정을 요청하셨습니다. API 또는 Data Loader 같은 데스크톱 클라이언트에서 Salesforce에 로그인할 때 새 보안 토큰을 사용하십시오.',
    usernameLabel: '사용자 이름:',
    tokenLabel: '보안 토큰(대/소문자 구분):',
    more: '보안 토큰 사용에 대한 자세한 내용은 Salesforce 도움말의 "보안 토큰 재설정"을 참조하십시오. 이전 보안 토큰은 더 이상 사용할 수 없습니다.',
    closing: ['감사합니다.', 'Salesforce'],
  },
  nl_NL: {
    subject: 'Uw nieuwe Salesforce-beveiligingstoken',
    greeting: (name) => `Hallo ${name},`,
    why: 'U hebt onlangs uw wachtwoord gewijzigd of gevraagd om uw beveiligingstoken opnieuw in te stellen. Gebruik uw nieuwe beveiligingstoken om u via een API of een desktopclient, zoals Data Loader, aan te melden bij Salesforce.',
    usernameLabel: 'Gebruikersnaam:',
    tokenLabel: 'Beveiligingstoken (hoofdlettergevoelig):',
    more: 'Zie "Uw beveiligingstoken opnieuw instellen" in de Help van Salesforce voor meer informatie. Uw vorige beveiligingstoken werkt niet meer.',
    closing: ['Bedankt,', 'Salesforce'],
  },
  // A language whose labels OrgKey does not know: its extractor reads this mail by structure alone.
  th: {
    subject: 'โทเค็นความปลอดภัย Salesforce ใหม่ของคุณ',
    greeting: (name) => `สวัสดี ${name}`,
    why: 'คุณเพิ่งเปลี่ยนรหัสผ่านหรือขอรีเซ็ตโทเค็นความปลอดภัย ใช้โทเค็นความปลอดภัยใหม่เพื่อเข้าสู่ระบบ Salesforce จาก API หรือไคลเอ็นต์เดสก์ท็อป เช่น Data Loader',
    usernameLabel: 'ชื่อผู้ใช้:',
    tokenLabel: 'โทเค็นความปลอดภัย (ตรงตามตัวพิมพ์เล็กและใหญ่):',
    more: 'ดูข้อมูลเพิ่มเติมได้ที่ "รีเซ็ตโทเค็นความปลอดภัยของคุณ" ในวิธีใช้ Salesforce โทเค็นความปลอดภัยก่อนหน้าของคุณใช้ไม่ได้อีกต่อไป',
    closing: ['ขอบคุณ', 'Salesforce'],
  },
};

/** The mail that carries `user`'s current token in the user's language, sent at `sentAt` (ms on the fake clock). */
export function securityTokenMail(user: UserRecord, sentAt: number): Mail {
  const words = TEXTS[user.language ?? 'en_US'];
  const text = [
    words.greeting(`${user.firstName} ${user.lastName}`),
    '',
    words.why,
    '',
    `${words.usernameLabel} ${user.username}`,
    `${words.tokenLabel} ${user.token}`,
    '',
    words.more,
    '',
    ...words.closing,
    '',
  ].join('\n');
  return { to: user.email, username: user.username, subject: words.subject, text, sentAt: new Date(sentAt).toISOString() };
}
