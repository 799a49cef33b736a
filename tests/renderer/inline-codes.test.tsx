/** Inline codes in the English editor (atoms, F9) and in the rows (badges), and the original format in the export dialog. */
import type { Editor } from '@tiptap/core'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { InlineCode } from '../../src/core/formats/inline-codes'
import { ExportDialog } from '../../src/renderer/src/features/editor/ExportDialog'
import { SpannedText } from '../../src/renderer/src/features/editor/SpannedText'
import { insertNextMissingCode, TargetEditor } from '../../src/renderer/src/features/editor/TargetEditor'
import { editorContentFor, textAndSpansOf } from '../../src/renderer/src/features/editor/tagging'

afterEach(cleanup)

const codes: InlineCode[] = [
  { id: '1', kind: 'open', label: '<b>', xml: '<g id="1">' },
  { id: '1', kind: 'close', label: '</b>', xml: '</g>' },
  { id: 'INTERPOLATION', kind: 'standalone', label: '{{ user.email }}', xml: '<x id="INTERPOLATION"/>' }
]
const source = 'ایمیل به \uE002 برای \uE000دوشنبه\uE001 فرستاده شد.'

describe('inline codes', () => {
  it('are atoms in the editor document and read back as their characters', () => {
    const content = editorContentFor('Sent to \uE002 for \uE000Monday\uE001.', [])
    const nodes = content.content![0].content!
    expect(nodes.filter((node) => node.type === 'inlineCode').map((node) => node.attrs?.index)).toEqual([2, 0, 1])
    expect(textAndSpansOf(content).text).toBe('Sent to \uE002 for \uE000Monday\uE001.')
  })

  it('show as numbered badges with the native code on hover, and F9 inserts the next missing one', async () => {
    const changes: string[] = []
    let instance: Editor | null = null
    // F9 reaches the editor's commands, which put the next missing code in (insertNextCode).
    render(
      <TargetEditor
        initialText="Sent to "
        initialSpans={[]}
        palette={[]}
        label="English"
        codes={codes}
        sourceText={source}
        onChange={(text) => changes.push(text)}
        onReady={(editor) => (instance = editor)}
        onKey={(event) => event.key === 'F9' && instance !== null && insertNextMissingCode(instance, source)}
      />
    )
    const editor = screen.getByTestId('target-editor')
    fireEvent.keyDown(editor, { key: 'F9' })
    await waitFor(() => expect(changes.at(-1)).toBe('Sent to \uE002'))
    const badge = editor.querySelector('[data-code="2"]')!
    expect(badge.textContent).toBe('3/')
    expect(badge.getAttribute('title')).toBe('{{ user.email }}')
    expect(badge.getAttribute('contenteditable')).toBe('false')
    fireEvent.keyDown(editor, { key: 'F9' })
    await waitFor(() => expect(changes.at(-1)).toBe('Sent to \uE002\uE000'))
  })

  it('show as badges in the Persian and English cells', () => {
    const { container } = render(<SpannedText text={source} spans={[]} palette={[]} codes={codes} />)
    expect([...container.querySelectorAll('.inline-code')].map((badge) => badge.textContent)).toEqual(['3/', '1', '/2'])
  })

  it('the export dialog offers the original format first when the document has one, and only then', () => {
    render(<ExportDialog original="client.sdlxliff" onCancel={() => {}} onExport={async () => {}} />)
    expect((screen.getByLabelText(/Original format/) as HTMLInputElement).checked).toBe(true)
    cleanup()
    render(<ExportDialog onCancel={() => {}} onExport={async () => {}} />)
    expect(screen.queryByLabelText(/Original format/)).toBeNull()
  })
})
