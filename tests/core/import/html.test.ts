import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { readDocument } from '../../../src/core/import'
import { escapeHtml, sample003 } from './fixtures'

const FURNITURE = ['صفحه اصلی', 'آخرین اخبار', 'تبلیغات ویژه', 'تمام حقوق محفوظ است', 'دیدگاه خود را بنویسید', 'اخبار مرتبط']

function newsPage(charset: string): string {
  const { title, subheading, paragraphs } = sample003()
  const p = (text: string): string => `<p>${escapeHtml(text)}</p>`
  return `<!doctype html>
<html lang="fa" dir="rtl"><head>
<meta ${charset === 'utf-8' ? 'charset="utf-8"' : `http-equiv="Content-Type" content="text/html; charset=${charset}"`}>
<title>${escapeHtml(title)} - خبرگزاری آنا</title>
<style>body { font-family: Tahoma } .ad { color: red } /* style text */</style>
<script>var tracking = "script text"; document.write("<p>نوشته اسکریپت</p>")</script>
</head><body>
<header><a href="/">صفحه اصلی</a> | <a href="/latest">آخرین اخبار</a></header>
<nav class="menu"><ul><li><a href="/politics">سیاسی</a></li><li><a href="/economy">اقتصادی</a></li><li><a href="/sport">ورزشی</a></li></ul></nav>
<div class="ad banner"><a href="https://ads.example">تبلیغات ویژه</a></div>
<main><article>
<h1>${escapeHtml(title)}</h1>
${paragraphs.slice(0, 6).map(p).join('\n')}
<h2>${escapeHtml(subheading)}</h2>
${paragraphs.slice(6).map(p).join('\n')}
</article></main>
<aside class="related"><h3>اخبار مرتبط</h3><ul><li><a href="/1">خبر یک</a></li><li><a href="/2">خبر دو</a></li></ul></aside>
<section class="comments"><p>دیدگاه خود را بنویسید</p></section>
<footer><p>تمام حقوق محفوظ است</p></footer>
<noscript>جاوااسکریپت را فعال کنید</noscript>
</body></html>`
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim()

function expectArticleOnly(text: string, letters: (text: string) => string = (text) => text): void {
  const { title, subheading, paragraphs } = sample003()
  const blocks = text.split('\n\n').map(collapse)
  expect(blocks[0]).toBe(letters(title))
  for (const paragraph of [subheading, ...paragraphs]) expect(blocks).toContain(letters(collapse(paragraph)))
  for (const furniture of FURNITURE) expect(text).not.toContain(furniture)
  expect(text).not.toMatch(/script text|style text|tracking|font-family|نوشته اسکریپت|جاوااسکریپت/)
}

describe('reading a web page', () => {
  it('keeps the article and leaves out navigation, scripts, styles and ads', async () => {
    const result = await readDocument('news.html', new TextEncoder().encode(newsPage('utf-8')))
    expect(result.format).toBe('html')
    expect(result.encoding).toBe('UTF-8')
    expectArticleOnly(result.text)
    const { subheading, paragraphs } = sample003()
    // Order is kept: the sub-heading sits between the sixth and seventh paragraphs.
    const blocks = result.text.split('\n\n').map(collapse)
    expect(blocks.indexOf(collapse(subheading))).toBe(blocks.indexOf(collapse(paragraphs[5])) + 1)
  })

  it('decodes a page that declares windows-1256', async () => {
    // Windows-1256 has Arabic yeh but not the Persian one; old Persian pages are written with it.
    const arabicYeh = (text: string): string => text.replace(/ی/g, 'ي')
    const bytes = new Uint8Array(iconv.encode(arabicYeh(newsPage('windows-1256')), 'win1256'))
    const result = await readDocument('old-news.htm', bytes)
    expect(result.encoding).toBe('windows-1256')
    expect(result.notes[0]).toMatch(/windows-1256, as the page declares/)
    expectArticleOnly(result.text, arabicYeh)
  })

  it('falls back to the page body when there is no article, still without page furniture', async () => {
    const html = `<html><head><meta charset="utf-8"><script>var x = 1</script></head><body>
      <nav><a href="/">صفحه اصلی</a></nav><div>سلام دنیا</div><div>متن کوتاه</div><footer>تمام حقوق محفوظ است</footer></body></html>`
    const result = await readDocument('short.html', new TextEncoder().encode(html))
    expect(result.text).toBe('سلام دنیا\n\nمتن کوتاه')
    expect(result.notes.join('\n')).toMatch(/no article found/)
  })

  it('refuses a page with no text', async () => {
    const html = '<html><head><title>x</title><script>var a = 1</script></head><body><img src="a.png"></body></html>'
    await expect(readDocument('empty.html', new TextEncoder().encode(html))).rejects.toThrow(/empty\.html has no text in it/)
  })
})
