/**
 * Full comparison of a sentence with one match: score, which words of the match differ (for
 * highlighting), and the match's English with the sentence's numbers when only numbers differ.
 */
import { adaptNumbers, type NumberChange } from './numbers'
import { align, scoreOf, Step, type TokenSeq } from './score'
import { TokenKind, tokenize, tokenWeight, type Token } from './tokenize'

/**
 * A piece of the match's source text. Joining the `text` of every part except `missing` gives
 * the source back. `changed`: a word the sentence has differently; `extra`: a word the sentence
 * lacks; `missing`: a word of the sentence the match lacks (its text is the sentence's).
 */
export interface DiffPart {
  kind: 'same' | 'changed' | 'extra' | 'missing'
  text: string
}

export interface Comparison {
  score: number
  cost: number
  total: number
  diff: DiffPart[]
  /** Present when the only differences are numbers and the English could take the sentence's. */
  adaptedTarget?: string
  numberChanges?: NumberChange[]
}

/** Token sequences of two sentences with shared ids (equal keys, equal ids). */
export function tokenSeqs(a: readonly Token[], b: readonly Token[]): [TokenSeq, TokenSeq] {
  const ids = new Map<string, number>()
  const seq = (tokens: readonly Token[]): TokenSeq => {
    const out = new Int32Array(tokens.length)
    const weights = new Uint8Array(tokens.length)
    tokens.forEach((token, i) => {
      // Punctuation and words never share an id even if their keys were equal.
      const key = token.kind === TokenKind.Punct ? `\u0000${token.key}` : token.key
      let id = ids.get(key)
      if (id === undefined) {
        id = ids.size
        ids.set(key, id)
      }
      out[i] = id
      weights[i] = tokenWeight(token.kind)
    })
    return { ids: out, weights, key: (i) => tokens[i].key }
  }
  return [seq(a), seq(b)]
}

function pushPart(parts: DiffPart[], kind: DiffPart['kind'], text: string): void {
  if (!text) return
  const last = parts[parts.length - 1]
  if (last && last.kind === kind) last.text += text
  else parts.push({ kind, text })
}

/** Adds a token after the text between it and the previous one; a gap inside a run of changes belongs to the run. */
function pushToken(parts: DiffPart[], gap: string, kind: DiffPart['kind'], text: string): void {
  const last = parts[parts.length - 1]
  if (last && last.kind === kind) {
    last.text += gap + text
    return
  }
  pushPart(parts, 'same', gap)
  pushPart(parts, kind, text)
}

export function compareSentences(query: { text: string; tokens?: Token[] }, match: { source: string; target: string; tokens?: Token[] }): Comparison {
  const a = query.tokens ?? tokenize(query.text)
  const b = match.tokens ?? tokenize(match.source)
  const [seqA, seqB] = tokenSeqs(a, b)
  const alignment = align(seqA, seqB, { withSteps: true })
  if (!alignment.steps) {
    // Too long to align word by word: a score, and the source without marks.
    return { score: scoreOf(alignment), cost: alignment.cost, total: alignment.total, diff: [{ kind: 'same', text: match.source }] }
  }
  const steps = alignment.steps
  const parts: DiffPart[] = []
  let position = 0
  const numberChanges: NumberChange[] = []
  let onlyNumbers = true
  for (const step of steps) {
    if (step.step === Step.Delete) {
      onlyNumbers = false
      const text = query.text.slice(a[step.aStart].start, a[step.aEnd - 1].end)
      pushPart(parts, 'missing', text)
      continue
    }
    const from = b[step.bStart].start
    const to = b[step.bEnd - 1].end
    const gap = match.source.slice(position, from)
    const text = match.source.slice(from, to)
    if (step.step === Step.Same || step.step === Step.Join) {
      pushToken(parts, gap, 'same', text)
    } else if (step.step === Step.Insert) {
      onlyNumbers = false
      pushToken(parts, gap, 'extra', text)
    } else {
      const queryToken = a[step.aStart]
      const matchToken = b[step.bStart]
      if (queryToken.kind === TokenKind.Number && matchToken.kind === TokenKind.Number) {
        numberChanges.push({ from: matchToken.key, to: queryToken.key })
      } else onlyNumbers = false
      pushToken(parts, gap, 'changed', text)
    }
    position = to
  }
  pushPart(parts, 'same', match.source.slice(position))
  let score = scoreOf(alignment)
  const result: Comparison = { score, cost: alignment.cost, total: alignment.total, diff: parts }
  if (onlyNumbers && numberChanges.length > 0) {
    const matchNumbers = b.filter((token) => token.kind === TokenKind.Number).map((token) => token.key)
    const adapted = adaptNumbers(match.target, numberChanges, matchNumbers)
    if (adapted !== null) {
      // The English is ready to use: one point off per number changed, never an exact match.
      score = Math.max(score, Math.min(99, 100 - numberChanges.length))
      result.score = score
      result.adaptedTarget = adapted
      result.numberChanges = numberChanges
    }
  }
  return result
}
