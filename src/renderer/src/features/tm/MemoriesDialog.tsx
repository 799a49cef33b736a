import { useCallback, useEffect, useState } from 'react'
import type { MemoryInfo } from '../../../../core/tm/types'
import type { HamtaApi } from '../../../../shared/contract'
import { Dialog } from '../../components/Dialog'
import { pickFiles, readFileAsBase64, saveMemoryTmx } from '../../platform'

interface MemoriesDialogProps {
  api: HamtaApi
  onClose: () => void
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * The library's translation memory: its own rows (every translated or confirmed row of every
 * document) and the memory files added to it, each of which can be switched off, given a
 * penalty (its matches count for less) or removed; TMX in and out.
 */
export function MemoriesDialog({ api, onClose }: MemoriesDialogProps): React.JSX.Element {
  const [memories, setMemories] = useState<MemoryInfo[] | null>(null)
  const [documentUnits, setDocumentUnits] = useState(0)
  const [problem, setProblem] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)

  const reload = useCallback(async () => {
    const listed = await api.tmListMemories({})
    setMemories(listed.memories)
    setDocumentUnits(listed.documentUnits)
  }, [api])
  useEffect(() => {
    reload().catch((error) => setProblem(errorMessage(error)))
  }, [reload])

  const run = async (label: string, work: () => Promise<unknown>): Promise<void> => {
    setBusy(label)
    try {
      await work()
      setProblem(null)
      await reload()
    } catch (error) {
      setProblem(errorMessage(error))
    } finally {
      setBusy(null)
    }
  }

  const importTmx = async (): Promise<void> => {
    const [file] = await pickFiles('.tmx,.xml')
    if (!file) return
    await run(`Adding ${file.name}…`, async () => api.tmImportMemory({ fileName: file.name, dataBase64: await readFileAsBase64(file) }))
  }

  return (
    <Dialog label="Translation memory" busy={busy !== null} onCancel={onClose} onSubmit={onClose} className="memories-dialog">
      <h2>Translation memory</h2>
      <p>
        The memory holds every translated or confirmed row of this library ({documentUnits.toLocaleString()} {documentUnits === 1 ? 'unit' : 'units'})
        and the memory files below. Matches from a file with a penalty count for that many points less.
      </p>
      {problem && (
        <p className="error-text" role="alert">
          {problem}
        </p>
      )}
      {memories === null ? (
        <p className="muted">Opening the memory…</p>
      ) : memories.length === 0 ? (
        <p className="muted">No memory files yet. TMX files from OmegaT, memoQ, Trados and Hamta can be added.</p>
      ) : (
        <table className="memories">
          <thead>
            <tr>
              <th scope="col">Memory</th>
              <th scope="col">Units</th>
              <th scope="col">Languages</th>
              <th scope="col">Use</th>
              <th scope="col">Penalty</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {memories.map((memory) => (
              <tr key={memory.id}>
                <td>
                  <div>{memory.name}</div>
                  <div className="file-name">
                    {memory.fileName} · added {memory.importedAt.slice(0, 10)}
                    {memory.skipped > 0 ? ` · ${memory.skipped} units left out` : ''}
                  </div>
                </td>
                <td>{memory.units.toLocaleString()}</td>
                <td>
                  {memory.sourceLang} → {memory.targetLang}
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Use ${memory.name}`}
                    checked={memory.enabled}
                    onChange={(event) => void run('Saving…', () => api.tmUpdateMemory({ memoryId: memory.id, enabled: event.target.checked }))}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    min={0}
                    max={100}
                    aria-label={`Penalty of ${memory.name}`}
                    defaultValue={memory.penalty}
                    onBlur={(event) => {
                      const penalty = Math.max(0, Math.min(100, Math.round(Number(event.target.value) || 0)))
                      if (penalty !== memory.penalty) void run('Saving…', () => api.tmUpdateMemory({ memoryId: memory.id, penalty }))
                    }}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="link danger"
                    onClick={() => void run('Removing…', () => api.tmRemoveMemory({ memoryId: memory.id }))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {busy && (
        <p className="muted" role="status">
          {busy}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="secondary" disabled={busy !== null} onClick={() => void importTmx()}>
          Add a TMX file…
        </button>
        <button type="button" className="secondary" disabled={busy !== null} onClick={() => void run('Exporting…', () => saveMemoryTmx())}>
          Export all as TMX
        </button>
        <button type="submit" disabled={busy !== null}>
          Close
        </button>
      </div>
    </Dialog>
  )
}
