/** `hamta import` of a client XLIFF and `hamta export ID --library DIR --format original`, in-process. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mammoth from 'mammoth'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main'
import { parseOriginalXliff } from '../../src/core/formats/xliff-original'
import { persianDocx } from '../fixtures/formats/persian-docx'

const FIXTURES = join(__dirname, '..', 'fixtures', 'xliff')
const folder = mkdtempSync(join(tmpdir(), 'hamta-original-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

async function cli(...args: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(args, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env: {} })
  return { code, stdout, stderr }
}

describe('hamta import / export --format original', () => {
  it('imports a client XLIFF, keeps it, and saves the translation back into it', async () => {
    const library = join(folder, 'library')
    const imported = await cli('import', join(FIXTURES, 'persian-article.xlf'), '--library', library)
    expect(imported.code, imported.stderr).toBe(0)
    const id = imported.stdout.trim().split('\n').pop()!
    // The original is kept untouched beside the document.
    expect(readFileSync(join(library, 'originals', `${id}.xlf`)).equals(readFileSync(join(FIXTURES, 'persian-article.xlf')))).toBe(true)

    // Untouched, the saved-back file is the original, byte for byte.
    const same = join(folder, 'same.xlf')
    const exported = await cli('export', id, '--library', library, '--format', 'original', '--out', same)
    expect(exported.code, exported.stderr).toBe(0)
    expect(readFileSync(same).equals(readFileSync(join(FIXTURES, 'persian-article.xlf')))).toBe(true)

    const edited = await cli('edit', id, '--library', library, '--row', '1', '--target', 'Ministers meet in Tehran', '--status', 'approved')
    expect(edited.code, edited.stderr).toBe(0)
    const out = join(folder, 'out.xlf')
    expect((await cli('export', id, '--library', library, '--format', 'original', '--out', out)).code).toBe(0)
    const back = parseOriginalXliff(readFileSync(out))
    expect(back.segments[0]).toMatchObject({ target: 'Ministers meet in Tehran', status: 'approved' })
    expect(back.segments.map((segment) => segment.unitId)).toEqual(
      parseOriginalXliff(readFileSync(join(FIXTURES, 'persian-article.xlf'))).segments.map((segment) => segment.unitId)
    )

    // The JSON export carries each row's unit id.
    const json = join(folder, 'doc.hamta.json')
    expect((await cli('export', id, '--library', library, '--format', 'json', '--out', json)).code).toBe(0)
    const rows = JSON.parse(readFileSync(json, 'utf8')).document.rows as Array<{ unitId: string }>
    expect(rows[1].unitId).toBe('office:document-content[0]/office:body[0]/office:text[0]/text:p[1]')
  })

  it('imports a Word document, keeps it, and saves the English back into it', async () => {
    const library = join(folder, 'library-docx')
    const file = join(folder, 'report.docx')
    const original = Buffer.from(await persianDocx())
    writeFileSync(file, original)
    const imported = await cli('import', file, '--library', library)
    expect(imported.code, imported.stderr).toBe(0)
    const id = imported.stdout.trim().split('\n').pop()!
    expect(readFileSync(join(library, 'originals', `${id}.docx`)).equals(original)).toBe(true)
    const same = join(folder, 'same.docx')
    expect((await cli('export', id, '--library', library, '--format', 'original', '--out', same)).code).toBe(0)
    expect(readFileSync(same).equals(original)).toBe(true)
    const edited = await cli('edit', id, '--library', library, '--row', '1', '--target', "Report on Iran's exports", '--status', 'translated')
    expect(edited.code, edited.stderr).toBe(0)
    const out = join(folder, 'out.docx')
    const exported = await cli('export', id, '--library', library, '--format', 'original', '--out', out)
    expect(exported.code, exported.stderr).toBe(0)
    const html = (await mammoth.convertToHtml({ path: out })).value
    expect(html).toContain("<h1>Report on Iran's exports</h1>")
    // The rest is still Persian, bold where it was.
    expect(html).toContain('<strong>دوازده درصد</strong>')
  })

  it('refuses an English → Persian file, naming its languages', async () => {
    const file = join(folder, 'messages.fa.xlf')
    writeFileSync(
      file,
      `<?xml version="1.0"?><xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" target-language="fa" datatype="plaintext" original="ng2.template"><body><trans-unit id="a"><source>About us</source><target>درباره ما</target></trans-unit></body></file></xliff>`
    )
    const result = await cli('import', file, '--library', join(folder, 'library2'))
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/from en into Persian/)
  })

  it('reads a TMX named .xml as TMX, and refuses its English → Italian pair', async () => {
    const result = await cli('import', join(FIXTURES, 'okapi-sample_tmx.xml'), '--library', join(folder, 'library3'))
    expect(result.stderr).not.toMatch(/save it as \.docx/)
    expect(result.stderr).toMatch(/EN → IT|en → it/i)
  })

  it('a document not imported from XLIFF or Word has no original format', async () => {
    const library = join(folder, 'library4')
    const text = join(folder, 'article.txt')
    writeFileSync(text, 'وزیر امور خارجه روز دوشنبه با همتای خود دیدار کرد.\n')
    const id = (await cli('import', text, '--library', library)).stdout.trim().split('\n').pop()!
    const result = await cli('export', id, '--library', library, '--format', 'original', '--out', join(folder, 'x'))
    expect(result.code).not.toBe(0)
    expect(result.stderr).toMatch(/no original format/)
  })
})
