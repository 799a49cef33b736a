import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

/** The shared seed folder next to the project, with the copies in resources/samples as fallback. */
const SEED_FOLDERS = [path.resolve('..', 'shared', 'seeds'), path.resolve('resources', 'samples')]

export const SAMPLE_000 = '000_6be2688a1683f03a.txt'
export const SAMPLE_003 = '003_1f132d0afecd6292.txt'

export function samplePath(name: string, folder = SEED_FOLDERS.find((candidate) => existsSync(path.join(candidate, name)))): string {
  if (!folder) throw new Error(`sample ${name} not found in ${SEED_FOLDERS.join(' or ')}`)
  return path.join(folder, name)
}

export function readSample(name: string): string {
  return readFileSync(samplePath(name), 'utf8')
}

/** Expected segmentation of both samples; a copy is kept in tests/fixtures/text. */
export function expectedSentences(): Record<string, string[]> {
  const shared = path.join(SEED_FOLDERS[0], 'expected-sentences.json')
  const file = existsSync(shared) ? shared : path.resolve('tests', 'fixtures', 'text', 'expected-sentences.json')
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, string[]>
}

export const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim()
