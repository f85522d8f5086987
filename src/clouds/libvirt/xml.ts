/** A small XML writer for libvirt's documents: elements, attributes, escaped text, two-space indent. */

export interface XmlElement {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string | number | undefined>>;
  readonly children: readonly (XmlElement | string)[];
}

export function el(
  tag: string,
  attrs: Readonly<Record<string, string | number | undefined>> = {},
  ...children: readonly (XmlElement | string | undefined | false)[]
): XmlElement {
  return {
    tag,
    attrs,
    children: children.filter((c): c is XmlElement | string => c !== undefined && c !== false),
  };
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function attrText(attrs: XmlElement['attrs']): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

function lines(e: XmlElement, depth: number): string[] {
  const pad = '  '.repeat(depth);
  const open = `${pad}<${e.tag}${attrText(e.attrs)}`;
  if (e.children.length === 0) return [`${open}/>`];
  const [only] = e.children;
  if (e.children.length === 1 && typeof only === 'string') {
    return [`${open}>${escapeXml(only)}</${e.tag}>`];
  }
  return [
    `${open}>`,
    ...e.children.flatMap((c) => (typeof c === 'string' ? [`${pad}  ${escapeXml(c)}`] : lines(c, depth + 1))),
    `${pad}</${e.tag}>`,
  ];
}

/** The document as text, ending with a newline. */
export function renderXml(root: XmlElement): string {
  return `${lines(root, 0).join('\n')}\n`;
}
