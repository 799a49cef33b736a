/** A TMX from another tool opened as a document ("Open as document"): its units in the file's order, titled by its file name. */
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { writeTmx } from '../../src/core/formats/tmx'
import { LibraryService } from '../../src/main/services/library'
import { SAMPLES_DIR, withTempDir } from '../helpers/temp'

const opened: LibraryService[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((library) => library.close()))
})

async function open(dir: string): Promise<LibraryService> {
  const library = await LibraryService.open({ libraryDir: join(dir, 'lib'), samplesDir: SAMPLES_DIR, tool: 'test' })
  opened.push(library)
  return library
}

/** As a CAT tool writes a project memory: unit ids that are not in order, no title, no paragraph numbers. */
const CAT_TMX = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="SDL Language Platform" creationtoolversion="8.1" o-tmf="SDL TM8 Format" segtype="sentence" adminlang="en-US" srclang="fa-IR" datatype="xml"/>
<body>
<tu tuid="7"><tuv xml:lang="fa-IR"><seg>وزیر امور خارجه به باکو سفر کرد.</seg></tuv><tuv xml:lang="en-US"><seg>The foreign minister travelled to Baku.</seg></tuv></tu>
<tu tuid="2"><tuv xml:lang="fa-IR"><seg>گفت‌وگوها روز جمعه پایان یافت.</seg></tuv><tuv xml:lang="en-US"><seg>Talks ended on Friday.</seg></tuv></tu>
<tu tuid="5"><tuv xml:lang="fa-IR"><seg>دو طرف بیانیه‌ای منتشر کردند.</seg></tuv></tu>
</body></tmx>
`

describe('TMX opened as a document', () => {
  it('keeps the units in the order of the file and takes its title from the file name', async () => {
    await withTempDir(async (dir) => {
      const library = await open(dir)
      const summary = await library.importFile('tehran-baku.sdltm-export.tmx', new TextEncoder().encode(CAT_TMX))
      expect(summary.title).toBe('tehran-baku.sdltm-export')
      const doc = await library.getDocument(summary.id)
      expect(doc.rows.map((row) => row.source[0].text)).toEqual([
        'وزیر امور خارجه به باکو سفر کرد.',
        'گفت‌وگوها روز جمعه پایان یافت.',
        'دو طرف بیانیه‌ای منتشر کردند.'
      ])
      expect(doc.rows.map((row) => row.paragraph)).toEqual([0, 1, 2])
      expect(doc.rows.map((row) => row.target)).toEqual(['The foreign minister travelled to Baku.', 'Talks ended on Friday.', ''])
      expect(doc.rows.map((row) => row.status)).toEqual(['translated', 'translated', 'untranslated'])
    })
  })

  it('a file from OmegaT is titled by its name too; Hamta’s own TMX keeps the title it carries', async () => {
    await withTempDir(async (dir) => {
      const library = await open(dir)
      const omegat = await library.importFile('project_save.tmx', readFileSync(join(__dirname, '..', 'fixtures', 'formats', 'omegat-style.tmx')))
      expect(omegat.title).toBe('project_save')
      const own = writeTmx({
        title: 'گزارش سفر',
        sourceLang: 'fa',
        targetLang: 'en',
        units: [{ id: 'r1', source: ['سفر آغاز شد.'], target: [], status: 'untranslated', tags: [], comments: [] }]
      })
      expect((await library.importFile('export.tmx', new TextEncoder().encode(own))).title).toBe('گزارش سفر')
    })
  })
})
