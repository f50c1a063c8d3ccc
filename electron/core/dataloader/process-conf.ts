/**
 * `process-conf.xml`: Data Loader's batch jobs, one `ProcessRunner` bean each.
 *
 * `processConfXml` writes the file; `replaceEntryValues` changes the value of every `<entry key=…>`
 * with a given key in place, leaving every other character as the admin left it; `readBeans` parses
 * the file properly (xmldom) to check what was written.
 */
import { createRequire } from 'node:module';
import type * as XmlDomModule from '@xmldom/xmldom';
import type { Element } from '@xmldom/xmldom';

type XmlDom = typeof XmlDomModule;
let xmldom: XmlDom | undefined;
/**
 * xmldom loads on the first read-back, not with the core: it costs ~30 ms to load, and every
 * `orgkey` command (and the app's start) would pay it for an export few of them make.
 */
const loadXmlDom = (): XmlDom => (xmldom ??= createRequire(import.meta.url)('@xmldom/xmldom') as XmlDom);

export interface BeanSpec {
  id: string;
  description: string;
  /** The `configOverrideMap` entries, in order. */
  entries: Array<[string, string]>;
}

export function escapeXmlAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

const escapeXmlText = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** XML comments may not contain `--` nor end in `-`. */
const commentSafe = (value: string) => value.replace(/-(?=-)/g, '- ').replace(/-$/, '- ');

export function processConfXml(comment: string[], beans: BeanSpec[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE beans PUBLIC "-//SPRING//DTD BEAN//EN" "http://www.springframework.org/dtd/spring-beans.dtd">',
    '<!--',
    ...comment.map((line) => `  ${commentSafe(line)}`.trimEnd()),
    '-->',
    '<beans>',
  ];
  for (const bean of beans) {
    lines.push(
      `    <bean id="${escapeXmlAttribute(bean.id)}" class="com.salesforce.dataloader.process.ProcessRunner" scope="prototype">`,
      `        <description>${escapeXmlText(bean.description)}</description>`,
      `        <property name="name" value="${escapeXmlAttribute(bean.id)}"/>`,
      '        <property name="configOverrideMap">',
      '            <map>',
      ...bean.entries.map(([key, value]) => `                <entry key="${escapeXmlAttribute(key)}" value="${escapeXmlAttribute(value)}"/>`),
      '            </map>',
      '        </property>',
      '    </bean>',
    );
  }
  lines.push('</beans>', '');
  return lines.join('\n');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decodeAttribute(raw: string): string {
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

// A start tag of <entry …>, quotes respected so a `>` inside an attribute value does not end it.
const ENTRY_TAG = /<entry(?=[\s/>])(?:[^>"']|"[^"]*"|'[^']*')*>/g;
const attribute = (name: string) => new RegExp(`(\\s${name}\\s*=\\s*)("([^"]*)"|'([^']*)')`);

/**
 * Set the `value` attribute of every `<entry key="<key>" …>` in the text, changing nothing else.
 *
 * Attribute order and quote style are the admin's own and are kept. Returns how many entries changed.
 */
export function replaceEntryValues(xml: string, key: string, value: string): { text: string; replaced: number } {
  let replaced = 0;
  const text = xml.replace(ENTRY_TAG, (tag) => {
    const keyMatch = attribute('key').exec(tag);
    if (!keyMatch || decodeAttribute(keyMatch[3] ?? keyMatch[4] ?? '') !== key) return tag;
    const valueMatch = attribute('value').exec(tag);
    if (!valueMatch) return tag;
    replaced += 1;
    const quote = valueMatch[2]!.startsWith("'") ? "'" : '"';
    return tag.replace(attribute('value'), (_whole, lead: string) => `${lead}${quote}${escapeXmlAttribute(value)}${quote}`);
  });
  return { text, replaced };
}

export interface ParsedBean {
  id: string;
  entries: Map<string, string>;
}

/** Parse the file as XML and list its beans with their `configOverrideMap` entries. Throws on malformed XML. */
export function readBeans(xml: string): ParsedBean[] {
  const problems: string[] = [];
  let doc;
  try {
    doc = new (loadXmlDom().DOMParser)({
      onError: (level, message) => {
        if (level !== 'warning') problems.push(message);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  if (!doc || problems.length > 0) throw new Error(`process-conf.xml is not well-formed XML: ${problems[0] ?? 'unreadable'}`);
  const beans: ParsedBean[] = [];
  const beanElements = doc.getElementsByTagName('bean');
  for (let i = 0; i < beanElements.length; i += 1) {
    const bean = beanElements.item(i) as Element;
    const entries = new Map<string, string>();
    const entryElements = bean.getElementsByTagName('entry');
    for (let j = 0; j < entryElements.length; j += 1) {
      const entry = entryElements.item(j) as Element;
      const key = entry.getAttribute('key');
      if (key === null) continue;
      const valueChild = entry.getElementsByTagName('value').item(0);
      entries.set(key, entry.getAttribute('value') ?? valueChild?.textContent ?? '');
    }
    beans.push({ id: bean.getAttribute('id') ?? '', entries });
  }
  return beans;
}
