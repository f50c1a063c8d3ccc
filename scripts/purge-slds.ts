/**
 * The build-time purge of the SLDS stylesheet, which vite.config.ts adds to production builds of
 * the renderer: SLDS whole would take nearly all of the renderer's 120 KB gzip CSS budget
 * (`npm run bench` part 4), and the app uses about a tenth of it.
 *
 * It errs on the side of keeping: what it cannot rule out stays (see `purgeSlds`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AtRule, ChildNode, Container, Plugin as PostcssPlugin, Root } from 'postcss';

/** The one stylesheet the purge applies to; OrgKey's own styles.css is kept whole. */
const SLDS_STYLESHEET = /[\\/]@salesforce-ux[\\/]design-system[\\/]/;

/**
 * Every word in the renderer's sources (`.ts`, `.tsx`, `.html`, `.css`): class names, custom
 * property names (`--slds-g-…`) and the rest.
 *
 * The purge keeps an SLDS rule only if all its classes are among these words, so every class must
 * be written whole somewhere in renderer/ (`'slds-theme_success'`, never `` `slds-theme_${tone}` ``);
 * tests/unit/purge-slds.test.ts holds the sources to that.
 */
export function sourceWords(dir: string): Set<string> {
  const words = new Set<string>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(tsx?|html|css)$/.test(entry.name)) continue;
    for (const word of fs.readFileSync(path.join(entry.parentPath, entry.name), 'utf8').match(/[\w-]+/g) ?? []) words.add(word);
  }
  return words;
}

const ATTRIBUTE = /\[\s*([\w-]+)\s*(?:([*^$~|]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]*))\s*[is]?\s*)?\]/g;
const CLASS = /\.((?:[\w-]|\\.)+)/g;

/**
 * Drops each `(…)` group, nested ones included: what `:not(…)`, `:is(…)`, `:has(…)` ask of the
 * markup is not checked (`:not(.unused)` matches anyway), which errs on the side of keeping.
 */
function withoutArguments(selector: string): string {
  let depth = 0;
  let out = '';
  for (const char of selector) {
    if (char === '(') depth += 1;
    if (depth === 0) out += char;
    if (char === ')') depth = Math.max(0, depth - 1);
  }
  return out;
}

/**
 * Whether a selector can match markup the app renders: each class it requires appears in the
 * sources, and each `[class*=…]`-style test can be met by one of them. Conservative: a selector it
 * cannot rule out is kept.
 */
export function selectorMayMatch(selector: string, words: ReadonlySet<string>): boolean {
  let unmet = false;
  const rest = withoutArguments(selector).replace(ATTRIBUTE, (_all, name: string, operator?: string, dq?: string, sq?: string, bare?: string) => {
    const value = dq ?? sq ?? bare;
    if (name !== 'class' || !operator || value === undefined) return '';
    const test =
      operator === '*=' ? (w: string) => w.includes(value) : operator === '^=' ? (w: string) => w.startsWith(value) : operator === '$=' ? (w: string) => w.endsWith(value) : (w: string) => w === value;
    if (![...words].some(test)) unmet = true;
    return '';
  });
  if (unmet) return false;
  for (const [, escaped] of rest.matchAll(CLASS)) {
    if (!words.has(escaped!.replace(/\\(.)/g, '$1'))) return false;
  }
  return true;
}

const VAR = /var\(\s*(--[\w-]+)/g;
const KEYFRAMES = /^(-webkit-)?keyframes$/;

function insideKeyframes(node: ChildNode): boolean {
  const parent = node.parent;
  if (parent?.type === 'atrule' && KEYFRAMES.test((parent as AtRule).name)) return true;
  return parent?.type === 'atrule' || parent?.type === 'rule' ? insideKeyframes(parent as ChildNode) : false;
}

/** Removes rules and block at-rules left with nothing in them (`@layer a, b;` statements have no block and stay). */
function removeEmpty(container: Container): void {
  container.each((node) => {
    if (node.type === 'comment') {
      node.remove();
    } else if (node.type === 'rule' || (node.type === 'atrule' && node.nodes)) {
      removeEmpty(node);
      if (!node.nodes?.length) node.remove();
    }
  });
}

/**
 * Ships only the SLDS the app uses.
 *
 * From the SLDS stylesheet it drops every selector that needs a class the renderer never writes,
 * every design token (custom property) nothing left refers to, and every `@keyframes` nothing
 * left animates with. Element, attribute and `:root` rules (the reset, the tokens in use) stay,
 * and so do the `@layer` order and each kept rule's place in it, so the cascade is unchanged.
 */
export function purgeSlds(words: ReadonlySet<string>): PostcssPlugin {
  return {
    postcssPlugin: 'orgkey-purge-slds',
    Once(root: Root) {
      if (!SLDS_STYLESHEET.test(root.source?.input.file ?? '')) return;
      prune(root, words);
    },
  };
}

/** The purge itself, on a parsed stylesheet. */
export function prune(root: Root, words: ReadonlySet<string>): void {
  dropUnusedSelectors(root, words);
  dropUnusedTokens(root, words);
  dropUnusedKeyframes(root);
}

/** Step 1: selectors that need a class the renderer never writes, and rules left with none. */
export function dropUnusedSelectors(root: Root, words: ReadonlySet<string>): void {
  root.walkRules((rule) => {
    if (insideKeyframes(rule)) return;
    const kept = rule.selectors.filter((selector) => selectorMayMatch(selector, words));
    if (kept.length === 0) rule.remove();
    else if (kept.length < rule.selectors.length) rule.selectors = kept;
  });
  removeEmpty(root);
}

/** Step 2: custom properties that neither the kept rules nor the app's sources use, directly or through other tokens. */
export function dropUnusedTokens(root: Root, words: ReadonlySet<string>): void {
  const used = new Set([...words].filter((word) => word.startsWith('--')));
  const definitions = new Map<string, string[]>();
  root.walkDecls((decl) => {
    const refs = [...decl.value.matchAll(VAR)].map((m) => m[1]!);
    if (decl.prop.startsWith('--')) definitions.set(decl.prop, [...(definitions.get(decl.prop) ?? []), ...refs]);
    else refs.forEach((ref) => used.add(ref));
  });
  const pending = [...used];
  while (pending.length) {
    for (const ref of definitions.get(pending.pop()!) ?? []) {
      if (!used.has(ref)) {
        used.add(ref);
        pending.push(ref);
      }
    }
  }
  root.walkDecls((decl) => {
    if (decl.prop.startsWith('--') && !used.has(decl.prop)) decl.remove();
  });
  removeEmpty(root);
}

/** Step 3: `@keyframes` no kept declaration names. */
export function dropUnusedKeyframes(root: Root): void {
  const named = new Set<string>();
  root.walkDecls((decl) => {
    if (!insideKeyframes(decl)) decl.value.match(/[\w-]+/g)?.forEach((word) => named.add(word));
  });
  root.walkAtRules(KEYFRAMES, (atRule) => {
    if (!named.has(atRule.params.trim())) atRule.remove();
  });
  removeEmpty(root);
}
