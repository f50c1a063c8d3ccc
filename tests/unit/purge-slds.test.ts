/**
 * The build ships only the SLDS rules the renderer uses (scripts/purge-slds.ts): what the purge
 * keeps and drops, how vite.config.ts wires it in, and the one rule the sources must follow for it
 * to be right.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postcss from 'postcss';
import type { ConfigEnv, UserConfig, UserConfigFnObject } from 'vite';
import { describe, expect, it } from 'vitest';
import { dropUnusedSelectors, dropUnusedTokens, prune, purgeSlds, selectorMayMatch, sourceWords } from '../../scripts/purge-slds';
import viteConfig from '../../vite.config';
import { makeTempDir, removeTempDir } from '../support/temp';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SLDS_FILE = path.join(root, 'node_modules/@salesforce-ux/design-system/assets/styles/salesforce-lightning-design-system.css');

function purged(css: string, words: string[]): string {
  const sheet = postcss.parse(css);
  prune(sheet, new Set(words));
  return sheet.toString().replace(/\s+/g, ' ').trim();
}

describe('SLDS purge', () => {
  it('keeps a selector only when the renderer writes every class it needs', () => {
    const css = '.slds-button{color:red} .slds-button.slds-is-selected{color:blue} .slds-card,.slds-button_brand:hover{color:green}';
    expect(purged(css, ['slds-button', 'slds-button_brand'])).toBe('.slds-button{color:red} .slds-button_brand:hover{color:green}');
  });

  it('keeps element, attribute and :root rules, and classes the markup only has to lack', () => {
    const css = ':root{--x:1px} html{margin:var(--x)} [hidden]{display:none} .slds-input:not(.slds-is-disabled){color:red} .slds-is-disabled{color:grey}';
    expect(purged(css, ['slds-input'])).toBe(':root{--x:1px} html{margin:var(--x)} [hidden]{display:none} .slds-input:not(.slds-is-disabled){color:red}');
  });

  it('meets a [class*=…] test only with a class the renderer writes', () => {
    const css = '[class*=slds-button_]{a:1} [class*=slds-nubbin]{b:2} [class^=slds-theme]{c:3}';
    expect(purged(css, ['slds-button_brand', 'slds-theme_success'])).toBe('[class*=slds-button_]{a:1} [class^=slds-theme]{c:3}');
  });

  it('keeps the design tokens kept rules and the app use, directly or through other tokens, and drops the rest', () => {
    const css = ':root{--a:1px;--b:var(--c);--c:2px;--d:3px;--e:4px;--unused:5px} .slds-badge{margin:var(--a) var(--b)} .slds-card{margin:var(--d)}';
    expect(purged(css, ['slds-badge', '--e'])).toBe(':root{--a:1px;--b:var(--c);--c:2px;--e:4px} .slds-badge{margin:var(--a) var(--b)}');
  });

  it('keeps an @keyframes only when a kept rule animates with it', () => {
    const css = '@keyframes spin{to{opacity:0}} @keyframes pulse{to{opacity:1}} .slds-spinner{animation:spin 1s} .slds-pulse{animation:pulse 1s}';
    expect(purged(css, ['slds-spinner'])).toBe('@keyframes spin{to{opacity:0}} .slds-spinner{animation:spin 1s}');
  });

  it('keeps the @layer order and drops blocks it emptied', () => {
    const css = '@layer a, b; @layer a{html{--x:1px}} @media (min-width:48em){.slds-card{color:red}} .slds-badge{margin:var(--x)}';
    expect(purged(css, ['slds-badge'])).toBe('@layer a, b; @layer a{html{--x:1px}} .slds-badge{margin:var(--x)}');
  });

  it('purges the SLDS stylesheet only, never the app’s own', async () => {
    const css = '.slds-card{color:red}';
    const plugin = [purgeSlds(new Set())];
    expect((await postcss(plugin).process(css, { from: SLDS_FILE })).css).toBe('');
    expect((await postcss(plugin).process(css, { from: path.join(root, 'renderer/styles.css') })).css).toBe(css);
  });

  it('reads a selector’s classes, escaped ones included', () => {
    expect(selectorMayMatch('.slds-size_1-of-2 > .slds-col', new Set(['slds-size_1-of-2', 'slds-col']))).toBe(true);
    expect(selectorMayMatch('.slds-medium-size\\:1-of-2', new Set(['slds-medium-size:1-of-2']))).toBe(true);
    expect(selectorMayMatch('.slds-medium-size\\:1-of-2', new Set(['slds-medium-size']))).toBe(false);
  });

  it('meets each kind of [class…] test, quoted or not, and leaves other attributes to the markup', () => {
    const words = new Set(['slds-button_brand']);
    expect(selectorMayMatch('[class$="_brand"]', words)).toBe(true);
    expect(selectorMayMatch("[class$='_neutral']", words)).toBe(false);
    expect(selectorMayMatch('[class~=slds-button_brand]', words)).toBe(true);
    expect(selectorMayMatch('[class=slds-button]', words)).toBe(false);
    expect(selectorMayMatch('[class]', words)).toBe(true);
    expect(selectorMayMatch('[type=checkbox] + .slds-button_brand', words)).toBe(true);
  });

  it('reads the words of the renderer’s .ts, .tsx, .html and .css files, in subfolders too, and of no other file', () => {
    const dir = makeTempDir('purge-words');
    try {
      fs.mkdirSync(path.join(dir, 'views'));
      fs.writeFileSync(path.join(dir, 'App.tsx'), '<div className="slds-card ok-app">');
      fs.writeFileSync(path.join(dir, 'views', 'tone.ts'), "const tone = 'slds-theme_success';");
      fs.writeFileSync(path.join(dir, 'index.html'), '<body class="slds-scope">');
      fs.writeFileSync(path.join(dir, 'styles.css'), '.ok-app { margin: var(--slds-g-spacing-2); }');
      fs.writeFileSync(path.join(dir, 'notes.md'), 'slds-modal');
      const words = [...sourceWords(dir)].filter((word) => word.startsWith('slds-') || word.startsWith('--'));
      expect(words.sort()).toEqual(['--slds-g-spacing-2', 'slds-card', 'slds-scope', 'slds-theme_success']);
    } finally {
      removeTempDir(dir);
    }
  });

  it('on the real stylesheet and sources, drops no token a kept rule still uses, and keeps the main screens’ rules', () => {
    const sheet = postcss.parse(fs.readFileSync(SLDS_FILE, 'utf8'));
    const words = sourceWords(path.join(root, 'renderer'));
    const defined = () => {
      const names = new Set<string>();
      sheet.walkDecls(/^--/, (decl) => void names.add(decl.prop));
      return names;
    };
    // Tokens set only by dropped rules (`.slds-alert_error { --slds-c-alert-… }`) go with them; of
    // those the kept rules still set, none may go while a var() uses it.
    dropUnusedSelectors(sheet, words);
    const definedByKeptRules = defined();
    dropUnusedTokens(sheet, words);
    const definedNow = defined();
    const missing = new Set<string>();
    sheet.walkDecls((decl) => {
      for (const [, name] of decl.value.matchAll(/var\(\s*(--[\w-]+)/g)) if (definedByKeptRules.has(name!) && !definedNow.has(name!)) missing.add(name!);
    });
    expect([...missing]).toEqual([]);

    prune(sheet, words);
    const css = sheet.toString();
    expect(css).toMatch(/@keyframes dotsBounceBefore-extraSmall/);
    for (const selector of ['.slds-button_brand', '.slds-modal__container', '.slds-table_bordered', '.slds-path__item', '.slds-notify_toast']) {
      expect(css).toContain(selector);
    }
  });
});

describe('vite.config.ts', () => {
  const postcssPlugins = (command: ConfigEnv['command']) => {
    const config = (viteConfig as UserConfigFnObject)({ command, mode: command === 'build' ? 'production' : 'development' }) as UserConfig;
    return typeof config.css?.postcss === 'object' ? (config.css.postcss.plugins ?? []) : [];
  };

  it('purges SLDS by the renderer’s own words in a build; the dev server serves it whole', async () => {
    const plugins = postcssPlugins('build');
    expect(plugins.map((plugin) => (plugin as { postcssPlugin?: string }).postcssPlugin)).toEqual(['orgkey-purge-slds']);
    const css = '.slds-button_brand{color:red} .slds-no-source-writes-this{color:blue}';
    expect((await postcss(plugins).process(css, { from: SLDS_FILE })).css).toBe('.slds-button_brand{color:red}');
    expect(postcssPlugins('serve')).toEqual([]);
  });
});

describe('renderer sources', () => {
  it('write every SLDS class whole, so the purge can see it (never `slds-theme_${tone}`)', () => {
    const dir = path.join(root, 'renderer');
    const pieced: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
      const file = path.join(entry.parentPath, entry.name);
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // A class name cut short by an interpolation or a concatenation: `slds-x_${…}`, 'slds-x_' + …
          if (/slds-[\w-]*[_-](?:\$\{|['"`]\s*\+)/.test(line) && !/^\s*(\*|\/\/)/.test(line)) pieced.push(`${path.relative(root, file)}:${i + 1}`);
        });
    }
    expect(pieced).toEqual([]);
  });
});
