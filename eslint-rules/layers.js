/**
 * Which folder may import which: each import is resolved against the importing file, so
 * '../../electron/core/errors' is judged as electron/core/errors.ts, whatever the `../`s say.
 *
 * Options: `{ layers: [{ files, ignores?, allow?, deny?, packages?, denyPackages?, message }] }`, with
 * globs relative to the project folder (`*` stays within a folder, `**` crosses folders).
 * A layer applies to the files matching `files` and not `ignores`:
 * - `allow`: a relative import must resolve to a file matching one of these;
 * - `deny`: a relative import must not resolve to a file matching one of these;
 * - `packages` / `denyPackages`: a package import (`zod`, `node:fs`, `@scope/name/sub`) must be one of,
 *   or none of, these names.
 * An import breaking several layers is reported once, with the message of the first in the list.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder (this file's parent's parent): globs and reported paths are relative to it. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where a relative import leads, as the TypeScript bundlers resolve it: the file itself, its .ts (for a .js specifier), an extension, or the folder's index. */
function resolveFile(target) {
  const isFile = (file) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
  const candidates = [target];
  if (/\.[cm]?js$/.test(target)) candidates.push(target.replace(/\.([cm]?)js$/, '.$1ts'), target.replace(/\.js$/, '.tsx'));
  for (const extension of ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json']) candidates.push(target + extension);
  for (const index of ['index.ts', 'index.tsx', 'index.js']) candidates.push(path.join(target, index));
  return candidates.find(isFile) ?? target;
}

function globToRegExp(glob) {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i];
    if (char === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else {
      source += char.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

const matcher = (globs = []) => {
  const patterns = globs.map(globToRegExp);
  return (file) => patterns.some((pattern) => pattern.test(file));
};

/** `zod` → zod, `@scope/name/sub` → @scope/name, `node:fs/promises` → node:fs/promises. */
function packageName(specifier) {
  if (specifier.startsWith('node:')) return specifier;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const layerSchema = {
  type: 'object',
  properties: {
    files: { type: 'array', items: { type: 'string' }, minItems: 1 },
    ignores: { type: 'array', items: { type: 'string' } },
    allow: { type: 'array', items: { type: 'string' } },
    deny: { type: 'array', items: { type: 'string' } },
    packages: { type: 'array', items: { type: 'string' } },
    denyPackages: { type: 'array', items: { type: 'string' } },
    message: { type: 'string' },
  },
  required: ['files', 'message'],
  additionalProperties: false,
};

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Keep each folder to the imports its layer allows' },
    schema: [{ type: 'object', properties: { layers: { type: 'array', items: layerSchema } }, required: ['layers'], additionalProperties: false }],
    messages: { outside: "{{message}} ('{{specifier}}' is {{target}})." },
  },
  create(context) {
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const layers = context.options[0].layers
      .map((layer) => ({ ...layer, appliesTo: matcher(layer.files), ignored: matcher(layer.ignores), allowed: matcher(layer.allow), denied: matcher(layer.deny) }))
      .filter((layer) => layer.appliesTo(file) && !layer.ignored(file));
    if (layers.length === 0) return {};

    const check = (source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const specifier = source.value;
      const relative = specifier.startsWith('.') || specifier.startsWith('/');
      const target = relative ? path.relative(root, resolveFile(path.resolve(path.dirname(context.filename), specifier))).split(path.sep).join('/') : packageName(specifier);
      const broken = layers.find((layer) =>
        relative
          ? (layer.allow && !layer.allowed(target)) || layer.denied(target)
          : (layer.packages && !layer.packages.includes(target)) || layer.denyPackages?.includes(target),
      );
      if (broken) {
        context.report({ node: source, messageId: 'outside', data: { message: broken.message, specifier, target: relative ? target : `the package ${target}` } });
      }
    };

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportEqualsDeclaration: (node) => {
        if (node.moduleReference.type === 'TSExternalModuleReference') check(node.moduleReference.expression);
      },
      // `typeof import('…')`: typescript-eslint 8 names the specifier `source` (`argument`, a literal type, before).
      TSImportType: (node) => check('source' in node ? node.source : node.argument?.literal),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
      },
    };
  },
};
