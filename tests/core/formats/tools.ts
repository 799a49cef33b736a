/**
 * The independent tools the format tests check against (xmllint, translate-toolkit, LibreOffice,
 * poppler). A missing tool fails the test that needs it, with the package to install: these
 * checks are the point of the tests, so they must never be skipped silently.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

export const SCHEMAS_DIR = resolve('..', 'shared', 'schemas')
export const PYTHON = '/usr/bin/python3'

const PACKAGES: Record<string, string> = {
  xmllint: 'libxml2-utils',
  soffice: 'libreoffice-writer-nogui',
  pdftotext: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  [PYTHON]: 'python3 and translate-toolkit',
  po2xliff: 'translate-toolkit',
  po2tmx: 'translate-toolkit'
}

export interface RunResult {
  status: number | null
  stdout: string
  stderr: string
}

/** Runs a tool; throws (failing the test) when it is not installed. */
export function run(command: string, args: string[], options: { cwd?: string; timeoutMs?: number; input?: string } = {}): RunResult {
  const result = spawnSync(command, args, { cwd: options.cwd, encoding: 'utf8', timeout: options.timeoutMs ?? 60_000, input: options.input })
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error(`${command} is not installed; install ${PACKAGES[command] ?? 'it'} to run the format checks.`)
  }
  if (result.error) throw result.error
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Copies the schemas to a temporary folder with a driver schema that also validates the XLIFF 2 metadata module. */
function prepareSchemas(): string {
  if (!existsSync(join(SCHEMAS_DIR, 'xliff_core_2.0.xsd'))) throw new Error(`the schemas are missing from ${SCHEMAS_DIR}`)
  const folder = mkdtempSync(join(tmpdir(), 'hamta-schemas-'))
  cpSync(SCHEMAS_DIR, folder, { recursive: true })
  // The core schema takes foreign elements laxly and does not import the metadata module; a
  // driver importing both makes xmllint check mda:metadata strictly as well.
  writeFileSync(
    join(folder, 'xliff2-with-metadata.xsd'),
    `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="urn:oasis:names:tc:xliff:document:2.0" schemaLocation="xliff_core_2.0.xsd"/>
  <xs:import namespace="urn:oasis:names:tc:xliff:metadata:2.0" schemaLocation="metadata.xsd"/>
</xs:schema>
`
  )
  return folder
}

let schemaCopy: string | undefined

export type XmlKind = 'tmx' | 'xliff12' | 'xliff2' | 'xliff2-core'

/** Validates a file with xmllint against the official schema for its kind. */
export function validateXml(file: string, kind: XmlKind): RunResult {
  const validation: Record<XmlKind, string[]> = {
    tmx: ['--dtdvalid', join(SCHEMAS_DIR, 'tmx14.dtd')],
    xliff12: ['--schema', join(SCHEMAS_DIR, 'xliff-core-1.2-strict.xsd')],
    'xliff2-core': ['--schema', join(SCHEMAS_DIR, 'xliff_core_2.0.xsd')],
    xliff2: ['--schema', join((schemaCopy ??= prepareSchemas()), 'xliff2-with-metadata.xsd')]
  }
  return run('xmllint', ['--noout', '--nonet', ...validation[kind], file])
}

export interface ToolkitUnit {
  source: string
  target: string | null
  notes: string
}

/** Reads a TMX or XLIFF 1.2 file with translate-toolkit and returns its units (PO-style headers left out). */
export function readWithTranslateToolkit(file: string): { storeType: string; units: ToolkitUnit[] } {
  const script = `
import json, sys
from translate.storage import factory
store = factory.getobject(sys.argv[1])
units = [u for u in store.units if not u.isheader()]
print(json.dumps({"storeType": type(store).__name__, "units": [{"source": u.source, "target": u.target, "notes": u.getnotes() or ""} for u in units]}))
`
  const result = run(PYTHON, ['-c', script, file])
  if (result.status !== 0) throw new Error(`translate-toolkit could not read ${file}: ${result.stderr}`)
  return JSON.parse(result.stdout) as { storeType: string; units: ToolkitUnit[] }
}
