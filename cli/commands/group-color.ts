/**
 * `--group` and `--color` of `orgkey add` and `orgkey edit`, and how an org's group and colour read
 * in the CLI's words. The rules are the core's (shared/validation.ts); they are checked here first
 * so a typo fails before any secret is asked for.
 */
import type { OrgSummary } from '../../shared/domain';
import { ORG_COLOR_PALETTE, orgColorName } from '../../shared/org-colors';
import { checkGroup, checkOrgColor } from '../../shared/validation';
import { stringOption, type OptionSpec, type ParsedCommand } from '../args';
import type { Context } from '../context';
import { fieldError } from '../errors';

const PALETTE_NAMES = ORG_COLOR_PALETTE.map((entry) => entry.name).join(', ');

/** The two options, with `clears` saying what an empty value does (edit) or nothing (add). */
export function groupColorOptions(clears: boolean): Record<'group' | 'color', OptionSpec> {
  return {
    group: { type: 'string', value: 'NAME', help: `File the org under a group (a client, a project), up to 80 characters.${clears ? ' "" takes it out of its group.' : ''}` },
    color: {
      type: 'string',
      value: 'COLOR',
      help: `The org’s colour: ${PALETTE_NAMES}, or a hex colour such as #1b96ff.${clears ? ' "" goes back to the default' : ' Default'}: red for production, grey for a sandbox.`,
    },
  };
}

/** The group and colour given, checked; an empty value is kept (an edit clears with it). */
export function groupColorValues(values: ParsedCommand['values']): { group?: string; color?: string } {
  const group = stringOption(values, 'group');
  const color = stringOption(values, 'color');
  if (group !== undefined) {
    const check = checkGroup(group);
    if (!check.ok) throw fieldError('group', check.message);
  }
  if (color !== undefined) {
    const check = checkOrgColor(color);
    if (!check.ok) throw fieldError('color', check.message);
  }
  return { ...(group !== undefined ? { group } : {}), ...(color !== undefined ? { color } : {}) };
}

/** An org's colour in words: its name or hex, and whether it is the environment's default. */
export function colorText(org: Pick<OrgSummary, 'color' | 'colorIsDefault'>): string {
  const name = orgColorName(org.color);
  const details = [...(name ? [org.color] : []), ...(org.colorIsDefault ? ['the default'] : [])];
  return `${name ?? org.color}${details.length ? ` (${details.join(', ')})` : ''}`;
}

/** After an add or edit: where the org is filed, when it has a group or a colour chosen (`always`: in any case). */
export function filedLine(context: Context, org: Pick<OrgSummary, 'group' | 'color' | 'colorIsDefault'>, { always = false } = {}): void {
  if (always || org.group || !org.colorIsDefault) context.io.out(`Group: ${org.group ?? 'none'}; colour: ${colorText(org)}.`);
}
