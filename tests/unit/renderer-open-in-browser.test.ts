/** *Open in browser* on the org's detail: what it says after each answer, and the guard's *Log in anyway*. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { OpenInBrowserResult, type OpenRun } from '../../renderer/views/OpenInBrowserSection';

const show = (run: OpenRun) => renderToStaticMarkup(createElement(OpenInBrowserResult, { run, onConfirmRetry: () => undefined }));

describe('Open in browser', () => {
  it('offers Log in anyway when the lockout guard refused, and only then', () => {
    const guard = show({ status: 'failed', error: { code: 'LOCKOUT_GUARD', message: 'The last tests of this org failed to log in.', remedy: 'Check the password.' } });
    expect(guard).toContain('Log in anyway');
    const other = show({ status: 'failed', error: { code: 'ORG_NOT_FOUND', message: 'No such org.', remedy: '' } });
    expect(other).not.toContain('Log in anyway');
  });

  it('says a single-use link was opened, or why the login page opened instead', () => {
    expect(show({ status: 'done', answer: { ok: true, kind: 'single-use' } })).toContain('single-use login link');
    expect(show({ status: 'done', answer: { ok: true, kind: 'login-page', reason: 'Salesforce gave no single-use login link for this org (HTTP 403).' } })).toContain('HTTP 403');
  });

  it('leaves a refused path to its field', () => {
    expect(show({ status: 'failed', error: { code: 'INVALID_INPUT', field: 'path', message: 'Give a path in the org that starts with /', remedy: '' } })).toBe('');
  });
});
