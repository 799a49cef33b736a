import { marked, type Token, type Tokens } from 'marked'
import { decodeTextFile } from '../text/decode'
import { blocksFromDom, parseFragment } from './dom-text'
import { joinBlocks, type ImportedText, type ReadOptions, type TextBlock } from './types'

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  zwnj: '\u200c',
  zwj: '\u200d',
  lrm: '\u200e',
  rlm: '\u200f',
  laquo: '«',
  raquo: '»',
  hellip: '…',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”'
}

/** marked leaves character references as written; the imported text wants the characters. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole
  })
}

function htmlText(html: string): string {
  return joinBlocks(blocksFromDom(parseFragment(html)))
}

/** Inline tokens to their visible text: markup dropped, link text kept, images dropped. */
function inlineText(tokens: Token[] | undefined): string {
  if (!tokens) return ''
  let text = ''
  for (const token of tokens) {
    switch (token.type) {
      case 'image':
      case 'html':
        break
      case 'br':
        text += '\n'
        break
      case 'codespan':
      case 'escape':
        text += decodeEntities(token.text)
        break
      default: {
        const nested = (token as { tokens?: Token[] }).tokens
        text += nested ? inlineText(nested) : decodeEntities((token as { text?: string }).text ?? '')
      }
    }
  }
  return text
}

/** A soft line break in a Markdown paragraph is a space when rendered. */
const paragraphText = (tokens: Token[] | undefined): string =>
  inlineText(tokens)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .join(' ')
    .trim()

function blocksFromTokens(tokens: Token[], blocks: TextBlock[], depth: number): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'heading':
        blocks.push({ kind: 'heading', text: paragraphText(token.tokens) })
        break
      case 'paragraph':
        blocks.push({ kind: 'paragraph', text: paragraphText(token.tokens) })
        break
      case 'text':
        blocks.push({ kind: 'paragraph', text: paragraphText(token.tokens ?? [token]) })
        break
      case 'list': {
        const list = token as Tokens.List
        let number = typeof list.start === 'number' ? list.start : 1
        for (const item of list.items) {
          const marker = '  '.repeat(depth) + (list.ordered ? `${number++}. ` : '• ')
          const inner: TextBlock[] = []
          blocksFromTokens(item.tokens, inner, depth + 1)
          // The item's own text carries the marker; nested lists and further paragraphs follow it.
          const [first, ...rest] = inner
          blocks.push({ kind: 'item', text: marker + (first && first.kind !== 'item' ? first.text : '') })
          blocks.push(...(first && first.kind !== 'item' ? rest : inner))
        }
        break
      }
      case 'blockquote':
        blocksFromTokens((token as Tokens.Blockquote).tokens, blocks, depth)
        break
      case 'code':
        blocks.push({ kind: 'paragraph', text: token.text })
        break
      case 'table': {
        const table = token as Tokens.Table
        const row = (cells: Tokens.TableCell[]): string => cells.map((cell) => paragraphText(cell.tokens)).join(' | ')
        blocks.push({ kind: 'paragraph', text: [row(table.header), ...table.rows.map(row)].join('\n') })
        break
      }
      case 'html':
        blocks.push({ kind: 'paragraph', text: htmlText(token.text) })
        break
      default:
        break // space, hr, definitions
    }
  }
}

/** Markdown to plain text via marked's lexer: headings, paragraphs and list items, no markup. */
export async function readMarkdown(fileName: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ImportedText> {
  const decoded = decodeTextFile(bytes, fileName)
  options.onProgress?.(0.3)
  const source = decoded.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const blocks: TextBlock[] = []
  blocksFromTokens(marked.lexer(source), blocks, 0)
  const text = joinBlocks(blocks)
  const headings = blocks.filter((block) => block.kind === 'heading').length
  const items = blocks.filter((block) => block.kind === 'item').length
  return {
    text,
    format: 'md',
    encoding: decoded.encoding,
    notes: [
      `decoded as ${decoded.encoding}`,
      `read Markdown: ${headings} headings, ${blocks.length - headings - items} paragraphs, ${items} list items; markup removed`
    ]
  }
}
