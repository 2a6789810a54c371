/**
 * Message templates are data: `templates/<message>.<locale>.txt`, one file per message and locale, with
 * four sections (`--- subject`, `--- text`, `--- html`, `--- sms`). Rendered with Mustache: logic-less,
 * no code in templates, `{{name}}` HTML-escaped in the html section; the plain-text sections are rendered
 * without escaping (they are never interpreted as markup).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Mustache from 'mustache';
import { chooseLocale, DEFAULT_LOCALE, MESSAGE_NAMES, type MessageName } from './rules.ts';

export const SECTIONS = ['subject', 'text', 'html', 'sms'] as const;
export type Section = (typeof SECTIONS)[number];
export type Template = Record<Section, string>;

export const TEMPLATE_DIR = join(import.meta.dirname, 'templates');
const FILE_RE = /^([a-z_]+\.[a-z_]+)\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.txt$/;

/** Splits a template file into its sections; a missing, repeated or unknown section is an error. */
export function parseTemplate(source: string, file = 'template'): Template {
  const parts: Partial<Template> = {};
  let current: Section | undefined;
  const lines: string[] = [];
  const flush = () => {
    if (current) parts[current] = lines.join('\n').trim();
    lines.length = 0;
  };
  for (const line of source.split(/\r?\n/)) {
    const header = /^--- ([a-z]+)\s*$/.exec(line);
    if (!header) {
      lines.push(line);
      continue;
    }
    flush();
    const name = header[1] as Section;
    if (!SECTIONS.includes(name)) throw new Error(`${file}: unknown section "${name}"`);
    if (parts[name] !== undefined) throw new Error(`${file}: section "${name}" appears twice`);
    current = name;
  }
  flush();
  const missing = SECTIONS.filter((s) => !parts[s]);
  if (missing.length > 0) throw new Error(`${file}: missing section(s) ${missing.join(', ')}`);
  return parts as Template;
}

export class TemplateCatalog {
  readonly #templates = new Map<string, Template>();
  readonly locales: readonly string[];

  constructor(entries: { message: string; locale: string; template: Template }[]) {
    for (const e of entries) this.#templates.set(`${e.message}/${e.locale}`, e.template);
    this.locales = [...new Set(entries.map((e) => e.locale))].sort();
    for (const message of MESSAGE_NAMES) {
      if (!this.#templates.has(`${message}/${DEFAULT_LOCALE}`)) {
        throw new Error(`No ${DEFAULT_LOCALE} template for ${message}`);
      }
    }
  }

  has(message: string, locale: string): boolean {
    return this.#templates.has(`${message}/${locale}`);
  }

  /** The template for a message in the best available locale. */
  get(message: MessageName, wanted: string | null | undefined): { locale: string; template: Template } {
    const available = this.locales.filter((l) => this.has(message, l));
    const locale = chooseLocale(wanted, available, DEFAULT_LOCALE);
    return { locale, template: this.#templates.get(`${message}/${locale}`)! };
  }
}

/** Reads every template file once. */
export function loadTemplates(dir = TEMPLATE_DIR): TemplateCatalog {
  const entries = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((file) => {
      const m = FILE_RE.exec(file);
      if (!m) throw new Error(`Template file name ${file} is not <message>.<locale>.txt`);
      return {
        message: m[1]!,
        locale: m[2]!,
        template: parseTemplate(readFileSync(join(dir, file), 'utf8'), file),
      };
    });
  return new TemplateCatalog(entries);
}

export interface Rendered {
  locale: string;
  subject: string;
  text: string;
  html: string;
  sms: string;
}

const plain = { escape: (value: unknown) => String(value) };

/**
 * Renders the sections asked for (all by default; an SMS needs only its own); only the html section
 * escapes values. Sections not asked for are empty.
 */
export function render(
  catalog: TemplateCatalog,
  message: MessageName,
  locale: string | null | undefined,
  data: Record<string, unknown>,
  sections: readonly Section[] = SECTIONS,
): Rendered {
  const { locale: chosen, template } = catalog.get(message, locale);
  const want = (s: Section) => sections.includes(s);
  const text = (s: Section) => (want(s) ? Mustache.render(template[s], data, {}, plain).trim() : '');
  return {
    locale: chosen,
    subject: text('subject').replace(/\s+/g, ' '),
    text: text('text'),
    html: want('html') ? Mustache.render(template.html, data) : '',
    sms: text('sms'),
  };
}

/** The variable names a template uses (for checking templates against the data their message provides). */
export function variablesOf(template: Template): Set<string> {
  const names = new Set<string>();
  const walk = (tokens: unknown[][]) => {
    for (const token of tokens) {
      const [kind, name, , , children] = token as [string, string, number, number, unknown[][] | undefined];
      if (kind === 'name' || kind === '&' || kind === '#' || kind === '^') names.add(name);
      if (children) walk(children);
    }
  };
  for (const section of SECTIONS) walk(Mustache.parse(template[section]));
  return names;
}

/** Raw (unescaped) tags in a template's html section: `{{{x}}}` or `{{&x}}`. Must be none. */
export function rawTagsInHtml(template: Template): string[] {
  const raw: string[] = [];
  const walk = (tokens: unknown[][]) => {
    for (const token of tokens) {
      const [kind, name, , , children] = token as [string, string, number, number, unknown[][] | undefined];
      if (kind === '&') raw.push(name);
      if (children) walk(children);
    }
  };
  walk(Mustache.parse(template.html));
  return raw;
}
