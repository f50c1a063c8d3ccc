/**
 * A tiny "system browser" for integration tests of browser login: it walks the fake org's
 * authorize pages with plain HTTP (GET the page, submit its form, press a button) and follows the
 * final redirect to OrgKey's loopback callback, as a real browser would.
 *
 * It reads the forms from the pages themselves (action, method, hidden fields, buttons), so it
 * depends on the fake org's markup only as much as a person does: fields named `username` and
 * `password`, buttons labelled as documented in e2e/fake-org/README.md.
 */

export interface BrowserResult {
  /** Where the last redirect pointed (the callback URL with `code`/`error` and `state`), if any. */
  redirectedTo?: string;
  /** The last page's status and text (an error page, the login page again, or the callback's page). */
  status: number;
  text: string;
}

interface Form {
  action: string;
  method: string;
  fields: Record<string, string>;
  buttons: Array<{ label: string; name?: string; value?: string }>;
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag)?.[1];
const decode = (text: string) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The forms of a page: their action, method, hidden and text fields, and submit buttons. */
export function formsOf(html: string, pageUrl: string): Form[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)].map(([, open, body]) => {
    const fields: Record<string, string> = {};
    for (const [input] of body!.matchAll(/<input\b[^>]*>/gi)) {
      const name = attr(input, 'name');
      if (name) fields[name] = decode(attr(input, 'value') ?? '');
    }
    const buttons = [...body!.matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)].map(([, tag, label]) => ({
      label: decode(label!.replace(/<[^>]+>/g, '').trim()),
      ...(attr(tag!, 'name') ? { name: attr(tag!, 'name')! } : {}),
      ...(attr(tag!, 'value') !== undefined ? { value: decode(attr(tag!, 'value')!) } : {}),
    }));
    return { action: new URL(decode(attr(open!, 'action') ?? pageUrl), pageUrl).toString(), method: (attr(open!, 'method') ?? 'GET').toUpperCase(), fields, buttons };
  });
}

export function fakeBrowser() {
  const cookies = new Map<string, string>();
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      cookies.set(name!.trim(), value.join('='));
    }
  };
  const headers = (): Record<string, string> => (cookies.size ? { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {});

  async function request(url: string, init: RequestInit = {}): Promise<{ response: Response; text: string; url: string }> {
    const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...headers(), ...(init.headers as Record<string, string> | undefined) } });
    remember(response);
    return { response, text: await response.text(), url };
  }

  async function submit(form: Form, extra: Record<string, string>) {
    const body = new URLSearchParams({ ...form.fields, ...extra }).toString();
    if (form.method === 'GET') return request(`${form.action}${form.action.includes('?') ? '&' : '?'}${body}`);
    return request(form.action, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  /** Press the button labelled `label` (sending its name=value, if it has one). */
  function press(page: { text: string; url: string }, label: string) {
    for (const form of formsOf(page.text, page.url)) {
      const button = form.buttons.find((candidate) => candidate.label === label);
      if (button) return submit(form, button.name ? { [button.name]: button.value ?? '' } : {});
    }
    throw new Error(`[fake-browser] no “${label}” button on ${page.url}: ${page.text.slice(0, 300)}`);
  }

  return {
    /**
     * Open `authorizeUrl`, log in as `username`/`password`, press Allow or Deny, and follow the
     * redirect to the callback (unless `followCallback` is false).
     */
    async signIn(authorizeUrl: string, options: { username: string; password: string; decision?: 'Allow' | 'Deny'; followCallback?: boolean }): Promise<BrowserResult> {
      let page = await request(authorizeUrl);
      const step = async (next: Promise<{ response: Response; text: string; url: string }>) => {
        page = await next;
      };
      if (page.response.status === 200 && /name="password"/i.test(page.text)) {
        const [form] = formsOf(page.text, page.url).filter((candidate) => 'password' in candidate.fields || /name="password"/i.test(page.text));
        if (!form) throw new Error('[fake-browser] the login page has no form');
        const login = form.buttons.find((button) => /log in/i.test(button.label));
        await step(submit(form, { username: options.username, password: options.password, ...(login?.name ? { [login.name]: login.value ?? '' } : {}) }));
      }
      if (page.response.status === 200 && formsOf(page.text, page.url).some((form) => form.buttons.some((button) => button.label === 'Allow'))) {
        await step(press(page, options.decision ?? 'Allow'));
      }
      const location = page.response.headers.get('location');
      if (!location) return { status: page.response.status, text: page.text };
      const redirectedTo = new URL(location, page.url).toString();
      if (options.followCallback === false) return { redirectedTo, status: page.response.status, text: page.text };
      const callback = await fetch(redirectedTo, { redirect: 'manual' });
      return { redirectedTo, status: callback.status, text: await callback.text() };
    },
  };
}
