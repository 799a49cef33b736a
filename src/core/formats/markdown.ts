/**
 * Bilingual Markdown: the title, then one section per unit with the Persian as a block quote and
 * the English below it, status and tags on the unit's heading line and comments as a list.
 * Markdown renderers pick the direction of each paragraph from its first strong character, so
 * the Persian quote shows right to left without HTML.
 */
import { sideText, type BilingualDocument } from './bilingual'
import { commentLabel, progressReporter, selectUnits, tagLabel, type ExportOptions } from './options'

/** Backslash-escapes what Markdown would read as formatting or HTML. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|&~]/g, (char) => `\\${char}`)
    .replace(/^(\s*)([#+=-]|\d+[.)])/gm, (_match, space: string, marker: string) => `${space}${marker.replace(/([#+=\-.)])$/, '\\$1')}`)
    .replace(/\r\n|\r|\n/g, ' ')
}

export function writeMarkdown(doc: BilingualDocument, options: ExportOptions = {}): string {
  const units = selectUnits(doc, options)
  const report = progressReporter(options, units.length)
  const lines = [`# ${escapeMarkdown(doc.title || 'Untitled')}`, '']
  units.forEach((unit, index) => {
    const heading = [`${index + 1}`, unit.status]
    if (unit.tags.length > 0) heading.push(`tags: ${unit.tags.map(tagLabel).join(', ')}`)
    lines.push(`### ${escapeMarkdown(heading.join(' · '))}`, '')
    lines.push(`> ${escapeMarkdown(sideText(unit.source))}`, '')
    const target = sideText(unit.target).trim()
    lines.push(target ? escapeMarkdown(target) : '*(not translated)*', '')
    if (unit.comments.length > 0) {
      for (const comment of unit.comments) lines.push(`- ${escapeMarkdown(commentLabel(comment))}`)
      lines.push('')
    }
    report(index + 1)
  })
  return lines.join('\n')
}
