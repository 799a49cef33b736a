import { parseHTML } from 'linkedom'
import type { TextBlock } from './types'

/**
 * The few DOM members the text walk needs. linkedom's nodes have them; the node build of the
 * project has no DOM type library, so they are spelled out here.
 */
export interface DomNode {
  nodeType: number
  nodeName: string
  nodeValue: string | null
  textContent: string | null
  childNodes: ArrayLike<DomNode>
  parentNode: DomNode | null
  getAttribute?(name: string): string | null
}

export interface DomDocument extends DomNode {
  body: DomNode | null
  documentElement: DomNode
  querySelectorAll(selector: string): ArrayLike<DomNode>
}

/** Parses HTML into a linkedom document. */
export function parseDocument(html: string): DomDocument {
  return (parseHTML(html) as unknown as { document: DomDocument }).document
}

/** Parses an HTML fragment (mammoth's output, an HTML block in Markdown) into a document body. */
export function parseFragment(html: string): DomNode {
  const document = parseDocument(`<!doctype html><html><body>${html}</body></html>`)
  return document.body ?? document.documentElement
}

const ELEMENT = 1
const TEXT = 3

/** Never article text. */
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'HEAD',
  'TITLE',
  'META',
  'LINK',
  'BUTTON',
  'SELECT',
  'INPUT',
  'TEXTAREA',
  'OPTION',
  'IMG',
  'VIDEO',
  'AUDIO',
  'MAP'
])

/** Page furniture around an article; skipped only when reading a whole page without Readability. */
const FURNITURE = new Set(['NAV', 'HEADER', 'FOOTER', 'ASIDE', 'FORM', 'MENU', 'DIALOG'])
const FURNITURE_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar', 'dialog', 'alert'])
/** Class or id words that mark advertising, sharing, comments, menus and the like. */
const FURNITURE_NAME =
  /(?:^|[\s_-])(?:ads?|advert\w*|banner|sponsor\w*|promo\w*|share|sharing|social|comments?|menu|navbar|nav|sidebar|breadcrumbs?|footer|header|related|newsletter|popup|modal|cookie\w*|tags?)(?:$|[\s_-])/i

const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6'])
const BLOCKS = new Set([
  'P',
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'BLOCKQUOTE',
  'PRE',
  'UL',
  'OL',
  'DL',
  'DT',
  'DD',
  'TABLE',
  'THEAD',
  'TBODY',
  'TFOOT',
  'TR',
  'TD',
  'TH',
  'CAPTION',
  'FIGURE',
  'FIGCAPTION',
  'HR',
  'ADDRESS',
  'CENTER',
  'DETAILS',
  'SUMMARY',
  'BODY',
  'HTML',
  ...FURNITURE
])

export interface DomTextOptions {
  /** Also skip navigation, headers, footers, sidebars and elements named like ads. */
  skipFurniture?: boolean
}

function isHidden(element: DomNode): boolean {
  const get = element.getAttribute?.bind(element)
  if (!get) return false
  if (get('hidden') !== null || get('aria-hidden') === 'true') return true
  const style = get('style')
  return style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)
}

function isFurniture(element: DomNode): boolean {
  if (FURNITURE.has(element.nodeName)) return true
  const get = element.getAttribute?.bind(element)
  if (!get) return false
  const role = get('role')
  if (role && FURNITURE_ROLES.has(role.toLowerCase())) return true
  const names = `${get('class') ?? ''} ${get('id') ?? ''}`
  return FURNITURE_NAME.test(names)
}

/**
 * Reads a DOM tree as blocks of text: headings, paragraphs and list items each become one block;
 * inline markup is dropped and white space collapsed (except inside <pre>); <br> keeps its line
 * break.
 */
export function blocksFromDom(root: DomNode, options: DomTextOptions = {}): TextBlock[] {
  const blocks: TextBlock[] = []
  let buffer = ''
  let bufferKind: TextBlock['kind'] = 'paragraph'
  let itemPrefix = ''

  const flush = (): void => {
    const text = buffer
      .split('\n')
      .map((line) => line.replace(/[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ').trim())
      .filter((line) => line.length > 0)
      .join('\n')
    buffer = ''
    // An empty flush (a <p> opening inside an <li>) keeps the pending heading or item marker.
    if (text.length === 0) return
    blocks.push({ kind: bufferKind, text: itemPrefix + text })
    bufferKind = 'paragraph'
    itemPrefix = ''
  }
  const endSpecialBlock = (): void => {
    flush()
    bufferKind = 'paragraph'
    itemPrefix = ''
  }

  const walk = (node: DomNode, inPre: boolean, listStack: { ordered: boolean; next: number }[]): void => {
    if (node.nodeType === TEXT) {
      const value = node.nodeValue ?? ''
      buffer += inPre ? value : value.replace(/[\r\n\t ]+/g, ' ')
      return
    }
    if (node.nodeType !== ELEMENT && node.nodeType !== 9 && node.nodeType !== 11) return
    const name = node.nodeName.toUpperCase()
    if (SKIPPED.has(name) || isHidden(node)) return
    if (options.skipFurniture && node.nodeType === ELEMENT && name !== 'BODY' && name !== 'HTML' && isFurniture(node)) return
    if (name === 'BR') {
      buffer += '\n'
      return
    }
    const children = Array.from(node.childNodes)
    if (HEADINGS.has(name)) {
      flush()
      bufferKind = 'heading'
      for (const child of children) walk(child, inPre, listStack)
      endSpecialBlock()
      return
    }
    if (name === 'LI') {
      flush()
      const list = listStack[listStack.length - 1]
      const depth = Math.max(0, listStack.length - 1)
      const marker = list?.ordered ? `${list.next++}. ` : '• '
      bufferKind = 'item'
      itemPrefix = '  '.repeat(depth) + marker
      for (const child of children) walk(child, inPre, listStack)
      endSpecialBlock()
      return
    }
    if (name === 'UL' || name === 'OL') {
      flush()
      const start = Number.parseInt(node.getAttribute?.('start') ?? '', 10)
      const nested = [...listStack, { ordered: name === 'OL', next: Number.isFinite(start) ? start : 1 }]
      for (const child of children) walk(child, inPre, nested)
      flush()
      return
    }
    const block = BLOCKS.has(name)
    if (block) flush()
    for (const child of children) walk(child, inPre || name === 'PRE', listStack)
    if (block) flush()
  }

  walk(root, false, [])
  flush()
  return blocks
}
