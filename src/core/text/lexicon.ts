/**
 * The Persian lexicon behind ZWNJ and spacing repair: the Lilak Hunspell dictionary shipped as the
 * npm package `dictionary-fa` (~104k entries, ~40k written with ZWNJ).
 *
 * Rather than building a spell checker (nspell expands and indexes every entry, which is slow to
 * start), the .dic/.aff pair is parsed into a stem table plus the suffix rules, and a word is
 * checked by stripping at most two suffixes. Everything is indexed by the word's spelling
 * *without* ZWNJ, so "میکنند" finds "می‌کنند" with one map lookup.
 */

import { ZWNJ } from './chars'
import { WordFrequency, loadWordFrequency } from './word-frequency'

interface SuffixRule {
  flag: string
  /** Text the rule appends (may start with ZWNJ). */
  affix: string
  /** The affix without ZWNJ: what the word looks like when ZWNJ was stripped. */
  bareAffix: string
  /** Flags that may follow this suffix (continuation classes), e.g. ترین → ها. */
  continuation: Set<string>
}

/** Flags in the .aff that only control compounding or suggestions, not word forms. */
const NON_FORM_FLAGS = new Set(['FF', 'WW', 'UU', 'AA', 'CC', 'OO', 'PP', '!!'])

export interface LexiconForm {
  /** The word as the lexicon writes it (with ZWNJ where it belongs). */
  form: string
  /** True when the form is a dictionary entry itself, not stem + suffix. */
  isEntry: boolean
  /** The dictionary entry the form is built on (the form itself for entries). */
  entry: string
}

export class Lexicon {
  /** Entry spelling → flags (two characters each, FLAG long). */
  private readonly flags = new Map<string, string>()
  /** Entry spelling without ZWNJ → entry spellings. */
  private readonly byBare = new Map<string, string | string[]>()
  private readonly rules: SuffixRule[] = []
  /** Rules grouped by the last character of their bare affix, to try only those that can match. */
  private readonly rulesByLastChar = new Map<string, SuffixRule[]>()
  private readonly rulesByFlag = new Map<string, SuffixRule[]>()
  /** Flag → rules whose continuation classes allow a suffix with that flag after them. */
  private readonly rulesBefore = new Map<string, SuffixRule[]>()
  readonly entryCount: number
  /** How common words are in news text; empty unless loaded with the lexicon. */
  frequency: WordFrequency = new WordFrequency()

  constructor(aff: string, dic: string) {
    this.parseAffixes(aff)
    this.entryCount = this.parseEntries(dic)
  }

  private parseAffixes(aff: string): void {
    for (const rawLine of aff.split(/\r?\n/)) {
      const line = rawLine.trim()
      if (!line.startsWith('SFX ')) continue
      const parts = line.split(/\s+/)
      // Header lines look like "SFX sa N 6"; rule lines have a strip, an affix and a condition.
      if (parts.length < 5 || parts[3] === undefined || /^\d+$/.test(parts[3])) continue
      const [, flag, strip, affixWithFlags] = parts
      if (strip !== '0') continue // Lilak's suffixes only append; other shapes are not used.
      const slash = affixWithFlags.indexOf('/')
      const affix = slash >= 0 ? affixWithFlags.slice(0, slash) : affixWithFlags
      const continuationText = slash >= 0 ? affixWithFlags.slice(slash + 1) : ''
      const continuation = new Set<string>()
      for (let i = 0; i + 1 < continuationText.length; i += 2) {
        const cont = continuationText.slice(i, i + 2)
        if (!NON_FORM_FLAGS.has(cont)) continuation.add(cont)
      }
      const bareAffix = affix.split(ZWNJ).join('')
      if (!bareAffix) continue
      const rule: SuffixRule = { flag, affix, bareAffix, continuation }
      this.rules.push(rule)
      const last = bareAffix[bareAffix.length - 1]
      const byChar = this.rulesByLastChar.get(last)
      if (byChar) byChar.push(rule)
      else this.rulesByLastChar.set(last, [rule])
      const byFlag = this.rulesByFlag.get(flag)
      if (byFlag) byFlag.push(rule)
      else this.rulesByFlag.set(flag, [rule])
    }
    for (const rule of this.rules) {
      for (const cont of rule.continuation) {
        const before = this.rulesBefore.get(cont)
        if (before) before.push(rule)
        else this.rulesBefore.set(cont, [rule])
      }
    }
  }

  private parseEntries(dic: string): number {
    let count = 0
    let lineStart = dic.indexOf('\n') + 1 // the first line is the entry count
    while (lineStart < dic.length) {
      let lineEnd = dic.indexOf('\n', lineStart)
      if (lineEnd < 0) lineEnd = dic.length
      let line = dic.slice(lineStart, lineEnd)
      lineStart = lineEnd + 1
      if (line.endsWith('\r')) line = line.slice(0, -1)
      if (!line) continue
      const slash = line.indexOf('/')
      const word = slash >= 0 ? line.slice(0, slash) : line
      const flags = slash >= 0 ? line.slice(slash + 1) : ''
      const previous = this.flags.get(word)
      if (previous === undefined) {
        this.flags.set(word, flags)
        const bare = word.includes(ZWNJ) ? word.split(ZWNJ).join('') : word
        const existing = this.byBare.get(bare)
        if (existing === undefined) this.byBare.set(bare, word)
        else if (typeof existing === 'string') this.byBare.set(bare, [existing, word])
        else existing.push(word)
      } else if (flags) {
        this.flags.set(word, previous + flags)
      }
      count++
    }
    return count
  }

  private hasFlag(entry: string, flag: string): boolean {
    const flags = this.flags.get(entry)
    if (!flags) return false
    for (let i = 0; i + 1 < flags.length; i += 2) {
      if (flags.charCodeAt(i) === flag.charCodeAt(0) && flags.charCodeAt(i + 1) === flag.charCodeAt(1)) return true
    }
    return false
  }

  private entriesForBare(bare: string): readonly string[] {
    const found = this.byBare.get(bare)
    if (found === undefined) return []
    return typeof found === 'string' ? [found] : found
  }

  /** True when the entry takes suffixes of its own (nouns and adjectives do; listed verb forms do not). */
  entryHasFlags(word: string): boolean {
    return (this.flags.get(word) ?? '').length > 0
  }

  /** True when the lexicon lists this entry as such (not only as stem + suffix). */
  isEntry(word: string): boolean {
    return this.flags.has(word)
  }

  /** True when the word, spelled exactly so, is an entry or an entry plus one or two suffixes. */
  has(word: string): boolean {
    const bare = word.includes(ZWNJ) ? word.split(ZWNJ).join('') : word
    return this.formsOf(bare).some((candidate) => candidate.form === word)
  }

  /**
   * Every spelling the lexicon accepts whose letters, once ZWNJ is removed, are `bare`.
   * `bare` must not contain ZWNJ.
   */
  formsOf(bare: string): LexiconForm[] {
    const cached = this.formsCache.get(bare)
    if (cached) return cached
    const forms = this.findForms(bare)
    // Bounded memo: documents repeat their words, but memory must not grow without limit.
    if (this.formsCache.size >= 200_000) this.formsCache.clear()
    this.formsCache.set(bare, forms)
    return forms
  }

  private readonly formsCache = new Map<string, LexiconForm[]>()

  private findForms(bare: string): LexiconForm[] {
    const forms: LexiconForm[] = []
    for (const entry of this.entriesForBare(bare)) forms.push({ form: entry, isEntry: true, entry })
    const rules = this.rulesByLastChar.get(bare[bare.length - 1])
    if (!rules) return forms
    for (const rule of rules) {
      if (bare.length <= rule.bareAffix.length || !bare.endsWith(rule.bareAffix)) continue
      const base = bare.slice(0, bare.length - rule.bareAffix.length)
      for (const entry of this.entriesForBare(base)) {
        if (this.hasFlag(entry, rule.flag)) forms.push({ form: entry + rule.affix, isEntry: false, entry })
      }
      // Two suffixes: entry + first (whose continuation allows this rule's flag) + this one.
      for (const first of this.rulesBefore.get(rule.flag) ?? []) {
        if (base.length <= first.bareAffix.length || !base.endsWith(first.bareAffix)) continue
        const stem = base.slice(0, base.length - first.bareAffix.length)
        for (const entry of this.entriesForBare(stem)) {
          if (this.hasFlag(entry, first.flag)) forms.push({ form: entry + first.affix + rule.affix, isEntry: false, entry })
        }
      }
    }
    return forms
  }
}

/** Where the .aff and .dic come from; replaceable for tests or for a renderer without node:fs. */
export type LexiconSource = () => Promise<{ aff: Uint8Array | string; dic: Uint8Array | string }>

const defaultSource: LexiconSource = async () => {
  const module = (await import('dictionary-fa')) as { default: { aff: Uint8Array; dic: Uint8Array } }
  return module.default
}

let source: LexiconSource = defaultSource
let loading: Promise<Lexicon> | null = null
let loaded: Lexicon | null = null
let lastLoadMs = 0

function asText(data: Uint8Array | string): string {
  return typeof data === 'string' ? data : new TextDecoder('utf-8').decode(data)
}

/** Loads and indexes the lexicon once per process; later calls return the same instance. */
export function loadLexicon(): Promise<Lexicon> {
  if (!loading) {
    loading = (async () => {
      const started = performance.now()
      const [{ aff, dic }, frequency] = await Promise.all([source(), loadWordFrequency()])
      const lexicon = new Lexicon(asText(aff), asText(dic))
      lexicon.frequency = frequency
      loaded = lexicon
      lastLoadMs = performance.now() - started
      return loaded
    })()
    loading.catch(() => {
      loading = null
    })
  }
  return loading
}

/** The lexicon if it has been loaded already, else null (for synchronous callers). */
export function loadedLexicon(): Lexicon | null {
  return loaded
}

/** Milliseconds the last load took (read, parse and index). */
export function lexiconLoadMilliseconds(): number {
  return lastLoadMs
}

/** Uses another source for the lexicon (and forgets one already loaded). */
export function setLexiconSource(next: LexiconSource): void {
  source = next
  loading = null
  loaded = null
}
