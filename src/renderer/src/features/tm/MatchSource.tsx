import type { DiffPart } from '../../../../core/tm/compare'

const PART_LABEL: Record<DiffPart['kind'], string | undefined> = {
  same: undefined,
  changed: 'differs from this sentence',
  extra: 'not in this sentence',
  missing: 'this sentence has it; the match does not'
}

/** A match's Persian with the words that differ from the current sentence marked (not by colour alone). */
export function MatchSource({ diff }: { diff: DiffPart[] }): React.JSX.Element {
  return (
    <div className="tm-source" dir="rtl" lang="fa">
      {diff.map((part, index) =>
        part.kind === 'same' ? (
          <span key={index}>{part.text}</span>
        ) : part.kind === 'missing' ? (
          <del key={index} className="tm-missing" title={PART_LABEL.missing}>
            {part.text}
          </del>
        ) : (
          <mark key={index} className={`tm-${part.kind}`} title={PART_LABEL[part.kind]}>
            {part.text}
          </mark>
        )
      )}
    </div>
  )
}
