/**
 * A self-contained bilingual HTML page: Persian and English side by side in a table, status and
 * tags on each row, comments under the English, print-ready CSS (A4, repeated header row, rows
 * not split across pages). Every piece of text goes through `escapeHtml`. Fonts are referenced
 * by name with fallbacks (Vazirmatn first for Persian); the Persian font is embedded when given.
 */
import { sideText, type BilingualDocument } from './bilingual'
import { commentLabel, progressReporter, selectUnits, tagLabel, type ExportOptions } from './options'

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

export const PERSIAN_FONT_STACK = "Vazirmatn, 'Vazir', 'Noto Naskh Arabic', 'Noto Sans Arabic', Tahoma, 'DejaVu Sans', sans-serif"
export const ENGLISH_FONT_STACK = "'Source Serif 4', Georgia, 'Times New Roman', 'DejaVu Serif', serif"

const STYLE = `
  :root { color-scheme: light; }
  body { margin: 2rem auto; max-width: 64rem; padding: 0 1rem; font-family: ${ENGLISH_FONT_STACK}; color: #1d1d1f; line-height: 1.55; }
  h1 { font-size: 1.6rem; margin: 0 0 0.25rem; }
  h1 [lang="fa"] { font-family: ${PERSIAN_FONT_STACK}; }
  .meta { color: #555; font-size: 0.9rem; margin: 0 0 1.5rem; }
  table { width: 100%; border-collapse: collapse; table-layout: fixed; }
  thead { display: table-header-group; }
  th, td { border: 1px solid #c8c8cc; padding: 0.45rem 0.6rem; vertical-align: top; text-align: start; }
  th { background: #f2f2f5; font-weight: 600; }
  col.number { width: 2.6rem; } col.status { width: 7rem; }
  td.number { color: #777; font-size: 0.85rem; }
  td.fa { font-family: ${PERSIAN_FONT_STACK}; font-size: 1.05rem; line-height: 1.9; }
  td.en.untranslated { color: #999; font-style: italic; }
  .tag { display: inline-block; margin: 0.25rem 0.25rem 0 0; padding: 0 0.4rem; border: 1px solid #999; border-radius: 0.6rem; font-size: 0.78rem; }
  ul.comments { margin: 0.4rem 0 0; padding-inline-start: 1.1rem; font-size: 0.85rem; color: #444; }
  .status { font-size: 0.85rem; }
  .status-approved, .status-reviewed { color: #176b2c; } .status-rejected { color: #a4161a; }
  @page { size: A4; margin: 16mm 14mm; }
  @media print {
    body { margin: 0; max-width: none; font-size: 10.5pt; }
    tr { break-inside: avoid; page-break-inside: avoid; }
    th { background: none; }
  }
`

/** Tag badges, each isolated (bdi): an English tag name in a Persian cell keeps its colon where it belongs. */
/** Vazirmatn inside the page, for readers who do not have it installed (it is small: the Arabic subset). */
function persianFontFace(woff2Base64: string | undefined): string {
  if (!woff2Base64 || !/^[A-Za-z0-9+/=]+$/.test(woff2Base64)) return ''
  return `
  @font-face { font-family: Vazirmatn; font-style: normal; font-weight: 100 900; font-display: swap; src: url(data:font/woff2;base64,${woff2Base64}) format('woff2'); unicode-range: U+0600-06FF, U+0750-077F, U+200C-200E, U+2010-2011, U+204F, U+2E41, U+FB50-FDFF, U+FE70-FEFC; }`
}

function tagBadges(names: string[]): string {
  return names.map((name) => `<bdi class="tag" dir="auto">${escapeHtml(name)}</bdi>`).join('')
}

export function writeHtml(doc: BilingualDocument, options: ExportOptions = {}): string {
  const units = selectUnits(doc, options)
  const report = progressReporter(options, units.length)
  const withStatus = options.statusColumn !== false
  const rows = units.map((unit, index) => {
    const source = sideText(unit.source)
    const target = sideText(unit.target).trim()
    const sourceTags = unit.tags.filter((tag) => tag.side === 'source').map(tagLabel)
    const targetTags = unit.tags.filter((tag) => tag.side !== 'source').map(tagLabel)
    const comments = unit.comments.length
      ? `<ul class="comments">${unit.comments.map((comment) => `<li>${escapeHtml(commentLabel(comment))}</li>`).join('')}</ul>`
      : ''
    const cells = [
      `<td class="number">${index + 1}</td>`,
      `<td class="fa" dir="rtl" lang="fa">${escapeHtml(source)}${sourceTags.length ? `<div>${tagBadges(sourceTags)}</div>` : ''}</td>`,
      `<td class="en${target ? '' : ' untranslated'}" dir="ltr" lang="en">${target ? escapeHtml(target) : 'not translated'}${
        targetTags.length ? `<div>${tagBadges(targetTags)}</div>` : ''
      }${comments}</td>`
    ]
    if (withStatus) cells.push(`<td class="status status-${escapeHtml(unit.status)}">${escapeHtml(unit.status)}</td>`)
    report(index + 1)
    return `      <tr id="${escapeHtml(`unit-${unit.id}`)}">${cells.join('')}</tr>`
  })
  const titleLang = /[\u0600-\u06ff]/.test(doc.title) ? ' lang="fa" dir="rtl"' : ''
  return [
    '<!DOCTYPE html>',
    '<html lang="en" dir="ltr">',
    '<head>',
    '  <meta charset="utf-8">',
    '  <meta name="viewport" content="width=device-width, initial-scale=1">',
    '  <meta name="generator" content="Hamta">',
    `  <title>${escapeHtml(doc.title || 'Untitled')}</title>`,
    `  <style>${persianFontFace(options.persianFontWoff2Base64)}${STYLE}</style>`,
    '</head>',
    '<body>',
    `  <h1><span${titleLang}>${escapeHtml(doc.title || 'Untitled')}</span></h1>`,
    `  <p class="meta">Persian–English · ${units.length} ${units.length === 1 ? 'unit' : 'units'}</p>`,
    '  <table>',
    `    <colgroup><col class="number"><col><col>${withStatus ? '<col class="status">' : ''}</colgroup>`,
    `    <thead><tr><th>#</th><th lang="en">Persian</th><th>English</th>${withStatus ? '<th>Status</th>' : ''}</tr></thead>`,
    '    <tbody>',
    ...rows,
    '    </tbody>',
    '  </table>',
    '</body>',
    '</html>',
    ''
  ].join('\n')
}
