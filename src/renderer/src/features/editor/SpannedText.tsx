import type { SpanTag } from '../../../../core/model'
import type { TagDefinition } from '../../../../core/review/palette'
import { piecesOf } from './tagging'

interface SpannedTextProps {
  text: string
  spans: readonly SpanTag[]
  palette: readonly TagDefinition[]
  matches?: ReadonlyArray<{ start: number; end: number }>
}

/** Text with its tagged spans coloured (the tag's name on hover) and search matches marked. */
export function SpannedText({ text, spans, palette, matches = [] }: SpannedTextProps): React.JSX.Element {
  if (spans.length === 0 && matches.length === 0) return <>{text}</>
  return (
    <>
      {piecesOf(text, spans, matches).map((piece) => {
        let content: React.ReactNode = piece.match ? <mark className="search-match">{piece.text}</mark> : piece.text
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
