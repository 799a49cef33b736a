import type { SpanTag } from '../../../../core/model'
import type { TagDefinition } from '../../../../core/review/palette'
import { piecesOf } from './tagging'
import { codeBadge, codeIndex, type InlineCode } from '../../../../core/formats/inline-codes'

/** Text with each inline code as a badge: its number, the native code on hover. */
export function withCodeBadges(text: string, codes: readonly InlineCode[]): React.ReactNode {
  if (!/[\uE000-\uF8FF]/.test(text)) return text
  return text
    .split(/([\uE000-\uF8FF])/)
    .filter(Boolean)
    .map((part, k) => {
      const index = codeIndex(part)
      if (index < 0) return part
      return (
        <span key={k} className={`inline-code ${codes[index]?.kind ?? 'standalone'}`} data-code={index} title={codes[index]?.label ?? ''}>
          {codeBadge(index, codes)}
        </span>
      )
    })
}

interface SpannedTextProps {
  /** Inline codes of the row: their private-use characters show as numbered badges. */
  codes?: readonly InlineCode[]
  text: string
  spans: readonly SpanTag[]
  palette: readonly TagDefinition[]
  matches?: ReadonlyArray<{ start: number; end: number }>
  /** Termbase terms: underlined, their English on hover. */
  terms?: ReadonlyArray<{ start: number; end: number; title: string }>
}

/** Text with its tagged spans coloured (the tag's name on hover), search matches marked and terms underlined. */
export function SpannedText({ text, spans, palette, matches = [], terms = [], codes }: SpannedTextProps): React.JSX.Element {
  const shown = (part: string): React.ReactNode => (codes && codes.length > 0 ? withCodeBadges(part, codes) : part)
  if (spans.length === 0 && matches.length === 0 && terms.length === 0) return <>{shown(text)}</>
  return (
    <>
      {piecesOf(text, spans, matches, terms).map((piece) => {
        let content: React.ReactNode = piece.term ? (
          <span className="term-hit" title={piece.term}>
            {shown(piece.text)}
          </span>
        ) : (
          shown(piece.text)
        )
        if (piece.match) content = <mark className="search-match">{content}</mark>
        for (const span of piece.spans) {
          const tag = palette.find((candidate) => candidate.id === span.tag)
          content = (
            <mark
              className={`tag-span${span.link ? ' linked' : ''}`}
              data-tag={span.tag}
              data-span-id={span.id}
              title={`${tag?.name ?? span.tag}${span.link ? ' (linked)' : ''}`}
              style={{ '--tag-color': tag?.color ?? '#888888' } as React.CSSProperties}
            >
              {content}
            </mark>
          )
        }
        return <span key={piece.start}>{content}</span>
      })}
    </>
  )
}
