// A small, tolerant tokenizer for XML and HTML text: enough to read the tables of office
// files (DOCX, ODT, XLSX, ODS) and of HTML as browsers, Word and Excel put it on the
// clipboard — without a DOM, so the same code runs in Node, a worker and the browser.

export interface Tag {
  kind: 'open' | 'close';
  /** Lower-cased for HTML; as written for XML (namespaced, e.g. 'w:tc'). */
  name: string;
  attributes: Record<string, string>;
  selfClosing: boolean;
}

export type Token = Tag | { kind: 'text'; text: string };

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', euro: '€', ndash: '–', mdash: '—',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', hellip: '…', shy: '\u00ad', times: '×', middot: '·',
};

/** Decode character references (named, decimal, hexadecimal); unknown names stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, reference: string) => {
    if (reference.startsWith('#x') || reference.startsWith('#X')) return safeCodePoint(parseInt(reference.slice(2), 16), whole);
    if (reference.startsWith('#')) return safeCodePoint(parseInt(reference.slice(1), 10), whole);
    return NAMED[reference.toLowerCase()] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const match of text.matchAll(/([^\s=/"'<>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    const [, name = '', double, single, bare] = match;
    attributes[name] = decodeEntities(double ?? single ?? bare ?? '');
  }
  return attributes;
}

/**
 * Tokens of a markup text. Comments, processing instructions, CDATA-less declarations and
 * (for HTML) the content of <style>, <script> and <head> elements are dropped; Word's
 * conditional comments (<!--[if …]> … <![endif]-->) are comments too.
 */
export function tokenize(text: string, options: { html: boolean }): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  const length = text.length;
  while (position < length) {
    const open = text.indexOf('<', position);
    if (open === -1) {
      tokens.push({ kind: 'text', text: decodeEntities(text.slice(position)) });
      break;
    }
    if (open > position) tokens.push({ kind: 'text', text: decodeEntities(text.slice(position, open)) });
    if (text.startsWith('<!--', open)) {
      const end = text.indexOf('-->', open + 4);
      position = end === -1 ? length : end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', open)) {
      const end = text.indexOf(']]>', open);
      tokens.push({ kind: 'text', text: text.slice(open + 9, end === -1 ? length : end) });
      position = end === -1 ? length : end + 3;
      continue;
    }
    if (text[open + 1] === '!' || text[open + 1] === '?') {
      const end = text.indexOf('>', open);
      position = end === -1 ? length : end + 1;
      continue;
    }
    const match = /^<(\/?)([A-Za-z][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/.exec(text.slice(open, open + 100_000));
    if (match === null) {
      tokens.push({ kind: 'text', text: '<' });
      position = open + 1;
      continue;
    }
    const [whole, slash = '', rawName = '', rest = ''] = match;
    const name = options.html ? rawName.toLowerCase() : rawName;
    const selfClosing = rest.trimEnd().endsWith('/');
    position = open + whole.length;
    if (slash === '/') {
      tokens.push({ kind: 'close', name, attributes: {}, selfClosing: false });
      continue;
    }
    tokens.push({ kind: 'open', name, attributes: parseAttributes(selfClosing ? rest.trimEnd().slice(0, -1) : rest), selfClosing });
    if (options.html && !selfClosing && (name === 'style' || name === 'script' || name === 'head' || name === 'title')) {
      const close = text.toLowerCase().indexOf(`</${name}`, position);
      position = close === -1 ? length : close;
    }
  }
  return tokens;
}

/** An element tree for XML (office files); text children are kept as strings. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: (XmlElement | string)[];
}

export function parseXmlTree(text: string): XmlElement {
  const root: XmlElement = { name: '#document', attributes: {}, children: [] };
  const stack: XmlElement[] = [root];
  for (const token of tokenize(text, { html: false })) {
    const current = stack[stack.length - 1] ?? root;
    if (token.kind === 'text') {
      current.children.push(token.text);
    } else if (token.kind === 'open') {
      const element: XmlElement = { name: token.name, attributes: token.attributes, children: [] };
      current.children.push(element);
      if (!token.selfClosing) stack.push(element);
    } else {
      // Close up to the matching element; a stray close tag is ignored.
      const index = stack.map((element) => element.name).lastIndexOf(token.name);
      if (index > 0) stack.length = index;
    }
  }
  return root;
}

/** All descendants named `name`, in document order, not descending into matches. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (node: XmlElement) => {
    for (const child of node.children) {
      if (typeof child === 'string') continue;
      if (child.name === name) found.push(child);
      else walk(child);
    }
  };
  walk(element);
  return found;
}

/** Direct children named `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== 'string' && child.name === name);
}

/** Text content, with a hook to render special elements (tabs, spaces, line breaks). */
export function textContent(element: XmlElement, special: (element: XmlElement) => string | null = () => null): string {
  let text = '';
  for (const child of element.children) {
    if (typeof child === 'string') {
      text += child;
      continue;
    }
    const replaced = special(child);
    text += replaced ?? textContent(child, special);
  }
  return text;
}
