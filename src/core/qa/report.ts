/** QA reports to keep or send: CSV (one finding a line) and a self-contained HTML page, findings grouped by check. */
import { BOM, neutralizeFormula, quoteField } from '../formats/delimited'
import type { HamtaDocument } from '../model'
import { QA_CHECKS, QA_CHECK_LABEL, type Finding } from './finding'

export type QaReportFormat = 'csv' | 'html'

function rowTexts(doc: HamtaDocument, finding: Finding): { persian: string; english: string } {
  const row = doc.rows[finding.row - 1]
  return { persian: row?.source.map((sentence) => sentence.text).join(' ') ?? '', english: row?.target ?? '' }
}

export function writeQaCsv(doc: HamtaDocument, findings: readonly Finding[]): string {
  const lines = [['row', 'check', 'message', 'persian', 'english', 'fix', 'not an error'].join(',')]
  for (const finding of findings) {
    const { persian, english } = rowTexts(doc, finding)
    const cells = [String(finding.row), finding.check, finding.message, persian, english, finding.fix?.target ?? '', finding.silenced ? 'yes' : '']
    lines.push(cells.map((cell) => quoteField(neutralizeFormula(cell), ',')).join(','))
  }
  return BOM + lines.join('\r\n') + '\r\n'
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

export function writeQaHtml(doc: HamtaDocument, findings: readonly Finding[], generatedAt: string): string {
  const active = findings.filter((finding) => !finding.silenced)
  const sections = QA_CHECKS.map((check) => {
    const list = active.filter((finding) => finding.check === check)
    if (list.length === 0) return ''
    const rows = list
      .map((finding) => {
        const { persian, english } = rowTexts(doc, finding)
        return `<tr><td class="n">${finding.row}</td><td>${escapeHtml(finding.message)}</td><td dir="rtl" lang="fa">${escapeHtml(persian)}</td><td dir="ltr" lang="en">${escapeHtml(english)}</td></tr>`
      })
      .join('\n')
    return `<h2 id="${check}">${QA_CHECK_LABEL[check]} <small>(${list.length})</small></h2>
<table><thead><tr><th>Row</th><th>Finding</th><th>Persian</th><th>English</th></tr></thead><tbody>
${rows}
</tbody></table>`
  }).join('\n')
  const summary = QA_CHECKS.map((check) => `<li>${QA_CHECK_LABEL[check]}: ${active.filter((finding) => finding.check === check).length}</li>`).join('')
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>QA report: ${escapeHtml(doc.title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em}table{border-collapse:collapse;width:100%;margin-bottom:2em}td,th{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:start}td.n{text-align:right}[lang=fa]{font-family:Vazirmatn,Tahoma,sans-serif}small{color:#666}</style></head>
<body><h1>QA report: <bdi>${escapeHtml(doc.title)}</bdi></h1>
<p>${active.length} ${active.length === 1 ? 'finding' : 'findings'} in ${doc.rows.length} rows; ${findings.length - active.length} marked not an error. Checked ${escapeHtml(generatedAt)}.</p>
<ul>${summary}</ul>
${sections || '<p>No findings.</p>'}
</body></html>
`
}
