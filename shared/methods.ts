/**
 * The names of the API methods, as plain data.
 *
 * Kept apart from the schemas in `api.ts` so that preload (and the browser host's page script) can
 * build `window.orgkey` without bundling zod. `api.ts` is checked against this list by the compiler.
 */
export const METHOD_NAMES = [
  'app.info',
  'orgs.list',
  'orgs.get',
  'orgs.add',
  'orgs.update',
  'orgs.remove',
  'orgs.forgetPreviousSecrets',
  'orgs.confirmSandboxRefresh',
  'orgs.test',
  'orgs.cancelTest',
  'orgs.testAll',
  'orgs.cancelTestAll',
  'orgs.openInBrowser',
  'prefs.get',
  'prefs.update',
  'tokens.inspect',
  'tokens.replace',
  'tokens.changePassword',
  'tokens.openResetPage',
  'secrets.copy',
  'secrets.clipboardStatus',
  'secrets.reveal',
  'dataloader.defaults',
  'dataloader.export',
  'dataloader.refresh',
  'dataloader.forget',
  'dialogs.pickFolder',
  'dialogs.pickFile',
  'dialogs.pickSaveFile',
  'certificates.get',
  'certificates.rotate',
  'certificates.cancelRotation',
  'certificates.save',
  'signIn.start',
  'signIn.finish',
  'signIn.cancel',
  'signIn.signOut',
  'audit.run',
  'audit.cancel',
  'audit.last',
  'audit.saveCsv',
  'schedule.get',
  'schedule.set',
  'schedule.runNow',
  'checks.history',
  'imports.preview',
  'imports.apply',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

/** The IPC channel a method travels on. */
export function channelOf(name: MethodName): string {
  return `orgkey:${name}`;
}
