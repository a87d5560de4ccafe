/**
 * A strict little XML reader for checking the JUnit output: elements, double- or single-quoted
 * attributes, text and the predefined and numeric entities. Anything else (a stray `<` or `&`,
 * a mismatched end tag, trailing content) throws, which is the point of the check.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const namePattern = /^[A-Za-z_][\w.-]*/;
const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(source: string): XmlElement {
  const reader = { source: source.replace(/^<\?xml[^?]*\?>\s*/, ''), pos: 0 };
  const root = readElement(reader);
  if (reader.source.slice(reader.pos).trim() !== '') {
    throw new Error(`content after the root element at ${reader.pos}`);
  }
  return root;
}

interface Reader {
  source: string;
  pos: number;
}

function readElement(r: Reader): XmlElement {
  skipSpace(r);
  expect(r, '<');
  const name = readName(r);
  const element: XmlElement = { name, attributes: {}, children: [], text: '' };
  for (;;) {
    skipSpace(r);
    if (r.source.startsWith('/>', r.pos)) {
      r.pos += 2;
      return element;
    }
    if (r.source[r.pos] === '>') {
      r.pos++;
      break;
    }
    const attribute = readName(r);
    skipSpace(r);
    expect(r, '=');
    skipSpace(r);
    element.attributes[attribute] = readQuoted(r);
  }
  readContent(r, element);
  return element;
}

function readContent(r: Reader, element: XmlElement): void {
  for (;;) {
    if (r.pos >= r.source.length) {
      throw new Error(`unclosed <${element.name}>`);
    }
    if (r.source.startsWith('</', r.pos)) {
      r.pos += 2;
      const name = readName(r);
      if (name !== element.name) {
        throw new Error(`</${name}> closes <${element.name}>`);
      }
      skipSpace(r);
      expect(r, '>');
      return;
    }
    if (r.source[r.pos] === '<') {
      element.children.push(readElement(r));
    } else {
      const end = r.source.indexOf('<', r.pos);
      element.text += decode(r.source.slice(r.pos, end < 0 ? undefined : end));
      r.pos = end < 0 ? r.source.length : end;
    }
  }
}

function readQuoted(r: Reader): string {
  const quote = r.source[r.pos];
  if (quote !== '"' && quote !== "'") {
    throw new Error(`expected a quoted value at ${r.pos}`);
  }
  const end = r.source.indexOf(quote, r.pos + 1);
  if (end < 0) {
    throw new Error(`unterminated attribute value at ${r.pos}`);
  }
  const raw = r.source.slice(r.pos + 1, end);
  if (raw.includes('<')) {
    throw new Error(`'<' in an attribute value at ${r.pos}`);
  }
  r.pos = end + 1;
  return decode(raw);
}

function decode(raw: string): string {
  return raw.replace(/&([^;]*);|&/g, (match, entity: string | undefined) => {
    if (entity === undefined) {
      throw new Error(`bare '&' in ${JSON.stringify(raw)}`);
    }
    if (entity.startsWith('#x')) {
      return String.fromCodePoint(parseInt(entity.slice(2), 16));
    }
    if (entity.startsWith('#')) {
      return String.fromCodePoint(parseInt(entity.slice(1), 10));
    }
    const value = entities[entity];
    if (value === undefined) {
      throw new Error(`unknown entity ${match}`);
    }
    return value;
  });
}

function readName(r: Reader): string {
  const match = namePattern.exec(r.source.slice(r.pos, r.pos + 200));
  if (match === null) {
    throw new Error(`expected a name at ${r.pos}`);
  }
  r.pos += match[0].length;
  return match[0];
}

function expect(r: Reader, text: string): void {
  if (!r.source.startsWith(text, r.pos)) {
    throw new Error(`expected '${text}' at ${r.pos}`);
  }
  r.pos += text.length;
}

function skipSpace(r: Reader): void {
  while (r.pos < r.source.length && /\s/.test(r.source[r.pos] ?? '')) {
    r.pos++;
  }
}

/** The child elements with a given name. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}
