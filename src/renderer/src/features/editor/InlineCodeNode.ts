import { mergeAttributes, Node } from '@tiptap/core'
import { codeBadge, codeChar, type InlineCode } from '../../../../core/formats/inline-codes'

/**
 * An inline code of the original file (a tag, a placeholder) in the English editor: one atom,
 * shown as its number, moved whole by drag or cut and paste, deleted whole or not at all. It reads
 * back as its private-use character, so the row's text keeps it where the translator put it.
 */
export const InlineCodeNode = Node.create<{ codes: readonly InlineCode[] }>({
  name: 'inlineCode',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  draggable: true,
  addOptions() {
    return { codes: [] }
  },
  addAttributes() {
    return { index: { default: 0, parseHTML: (element) => Number(element.getAttribute('data-code')) || 0 } }
  },
  parseHTML() {
    return [{ tag: 'span[data-code]' }]
  },
  renderHTML({ node, HTMLAttributes }) {
    const index = node.attrs.index as number
    const code = this.options.codes[index]
    return [
      'span',
      mergeAttributes(HTMLAttributes, {
        'data-code': String(index),
        class: `inline-code ${code?.kind ?? 'standalone'}`,
        title: code?.label ?? '',
        contenteditable: 'false'
      }),
      codeBadge(index, this.options.codes)
    ]
  },
  renderText({ node }) {
    return codeChar(node.attrs.index as number)
  }
})
