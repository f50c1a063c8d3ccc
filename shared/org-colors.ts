/**
 * An org's colour: a small named palette, how a typed colour is read, and the default by
 * environment, so a production org is never mistaken for a sandbox at a glance. Shared by the core
 * (which stores `#rrggbb`), the CLI and the window (swatch in the list, bar on the detail).
 *
 * The colours are the Salesforce Lightning Design System's palette hues, dark enough that white text
 * on them stays readable except where `textColorOn` says otherwise.
 */
import type { EnvironmentKind } from './domain';
import { sandboxImpliedByHost } from './salesforce-hosts';

export const ORG_COLOR_PALETTE = [
  { name: 'red', hex: '#ba0517' },
  { name: 'orange', hex: '#dd7a01' },
  { name: 'yellow', hex: '#fcc003' },
  { name: 'green', hex: '#2e844a' },
  { name: 'teal', hex: '#0b827c' },
  { name: 'blue', hex: '#0176d3' },
  { name: 'purple', hex: '#7526e3' },
  { name: 'pink', hex: '#c9197c' },
  { name: 'gray', hex: '#747474' },
] as const;

export type OrgColorName = (typeof ORG_COLOR_PALETTE)[number]['name'];

const paletteHex = (name: OrgColorName): string => ORG_COLOR_PALETTE.find((entry) => entry.name === name)!.hex;

/** A production org's colour unless the admin chose one: the palette's red (SLDS's error red). */
export const PRODUCTION_DEFAULT_COLOR = paletteHex('red');
/** A sandbox's colour unless the admin chose one: a neutral grey. */
export const SANDBOX_DEFAULT_COLOR = paletteHex('gray');

const NAMES = ORG_COLOR_PALETTE.map((entry) => entry.name).join(', ');

export type OrgColorCheck = { ok: true; value: string | undefined } | { ok: false; message: string };

/**
 * A colour as typed: a palette name (any case; `grey` too), `#rgb`, `#rrggbb`, or `rrggbb` without
 * the `#` (ORGanizer's export writes `FF0000`). Answers `#rrggbb` in lower case, `undefined` for an
 * empty value (the environment's default), or a message that says what is accepted.
 */
export function normalizeOrgColor(input: string): OrgColorCheck {
  const raw = input.trim().toLowerCase();
  if (!raw) return { ok: true, value: undefined };
  const named = ORG_COLOR_PALETTE.find((entry) => entry.name === (raw === 'grey' ? 'gray' : raw));
  if (named) return { ok: true, value: named.hex };
  const hex = /^#?([0-9a-f]{6})$/.exec(raw)?.[1] ?? /^#([0-9a-f]{3})$/.exec(raw)?.[1]?.replace(/./g, (digit) => digit + digit);
  if (hex) return { ok: true, value: `#${hex}` };
  const shown = input.trim().length > 40 ? `${input.trim().slice(0, 40)}…` : input.trim();
  return { ok: false, message: `“${shown}” is not a colour OrgKey knows. Use one of ${NAMES}, or a hex colour such as #1b96ff.` };
}

/** What `orgColorOf` reads: the stored colour, the environment, the login host and the last test's facts. */
export interface ColoredOrg {
  color?: string | undefined;
  environment: EnvironmentKind;
  loginUrl: string;
  lastTest?: { facts?: { isSandbox: boolean } | undefined } | undefined;
}

/**
 * Whether an org is a sandbox as far as OrgKey knows: `sandbox` is one, `production` is not; a My
 * Domain org is what its last test found, or else what its host says
 * (`acme--uat.sandbox.my.salesforce.com`); `null` when neither says (a legacy `name--uat` host,
 * a host outside Salesforce).
 */
export function sandboxKnown(org: ColoredOrg): boolean | null {
  if (org.environment !== 'custom') return org.environment === 'sandbox';
  const seen = org.lastTest?.facts?.isSandbox;
  if (seen !== undefined) return seen;
  try {
    return sandboxImpliedByHost(new URL(org.loginUrl).hostname);
  } catch {
    return null;
  }
}

/**
 * The colour an org's environment gives it when the admin chose none. Anything not known to be a
 * sandbox gets production's: mistaking a production org for a sandbox is the expensive mistake.
 */
export const defaultOrgColor = (org: ColoredOrg): string => (sandboxKnown(org) === true ? SANDBOX_DEFAULT_COLOR : PRODUCTION_DEFAULT_COLOR);

/** The org's colour as shown: the one the admin chose, or its environment's default. */
export const orgColorOf = (org: ColoredOrg): string => org.color ?? defaultOrgColor(org);

/** The palette name of a `#rrggbb` colour, for words beside a swatch ("red"); undefined for any other colour. */
export const orgColorName = (hex: string): OrgColorName | undefined => ORG_COLOR_PALETTE.find((entry) => entry.hex === hex.toLowerCase())?.name;

/** A colour in words: its palette name, or its hex. */
export const orgColorLabel = (hex: string): string => orgColorName(hex) ?? hex.toLowerCase();

/**
 * The text colour that reads on a `#rrggbb` background: near-black or white, whichever contrasts
 * more by WCAG 2's relative luminance.
 */
export function textColorOn(hex: string): '#181818' | '#ffffff' {
  const channels = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * channels[0]! + 0.7152 * channels[1]! + 0.0722 * channels[2]!;
  // Contrast with white is 1.05 / (L + 0.05), with #181818 (L ≈ 0.0093) it is (L + 0.05) / 0.0593.
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0593 ? '#ffffff' : '#181818';
}
