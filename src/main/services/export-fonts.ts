import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'

let cached: Promise<string | undefined> | undefined

/**
 * Vazirmatn's Arabic subset as base64, for HTML exports to carry their Persian font. Undefined
 * where the font package is not installed: the page then names the font and its fallbacks only.
 */
export function persianFontBase64(): Promise<string | undefined> {
  cached ??= (async () => {
    try {
      const path = createRequire(import.meta.url).resolve('@fontsource-variable/vazirmatn/files/vazirmatn-arabic-wght-normal.woff2')
      return (await readFile(path)).toString('base64')
    } catch {
      return undefined
    }
  })()
  return cached
}
