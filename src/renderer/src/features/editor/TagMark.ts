import { Mark, mergeAttributes } from '@tiptap/core'

/**
 * A tag on a stretch of English: the mark moves with its text as the translator edits, and
 * disappears with it when the text is deleted, so no tag is left pointing at nothing.
 */
export const TagMark = Mark.create<{ colorOf: (tagId: string) => string; nameOf: (tagId: string) => string }>({
  name: 'tag',
  // Different tags may cover the same words (a person's name inside a quote).
  excludes: '',
  inclusive: false,
  addOptions() {
    return { colorOf: () => '#888888', nameOf: (tagId) => tagId }
  },
  addAttributes() {
    return {
      tag: { default: null, parseHTML: (element) => element.getAttribute('data-tag') },
      spanId: { default: null, parseHTML: (element) => element.getAttribute('data-span-id') },
      link: { default: null, parseHTML: (element) => element.getAttribute('data-link') }
    }
  },
  parseHTML() {
    return [{ tag: 'mark[data-tag]' }]
  },
  renderHTML({ HTMLAttributes, mark }) {
    const tagId = mark.attrs.tag as string
    return [
      'mark',
      mergeAttributes(
        {
          class: 'tag-span',
          'data-tag': tagId,
          'data-span-id': mark.attrs.spanId,
          title: this.options.nameOf(tagId),
          style: `--tag-color: ${this.options.colorOf(tagId)}`
        },
        HTMLAttributes.link ? { 'data-link': HTMLAttributes.link } : {}
      ),
      0
    ]
  }
})
