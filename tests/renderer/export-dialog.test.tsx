import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { ExportFormat, ExportOptionName } from '../../src/core/formats/catalog'
import { ExportDialog } from '../../src/renderer/src/features/editor/ExportDialog'

afterEach(cleanup)

const RAW = /Keep cells starting with = \+ - @ as they are/

describe('ExportDialog', () => {
  it('offers raw cells for CSV and TSV only, off by default, and passes the choice on', async () => {
    const calls: Array<[ExportFormat, Partial<Record<ExportOptionName, boolean>>]> = []
    render(<ExportDialog onCancel={() => {}} onExport={async (format, options) => void calls.push([format, options])} />)
    expect(screen.queryByLabelText(RAW)).toBeNull() // Word is the default format
    fireEvent.click(screen.getByLabelText(/TMX/))
    expect(screen.queryByLabelText(RAW)).toBeNull()
    fireEvent.click(screen.getByLabelText(/TSV spreadsheet/))
    expect((screen.getByLabelText(RAW) as HTMLInputElement).checked).toBe(false)
    fireEvent.click(screen.getByLabelText(/CSV spreadsheet/))
    const raw = screen.getByLabelText(RAW) as HTMLInputElement
    expect(raw.checked).toBe(false)
    fireEvent.click(screen.getByRole('button', { name: 'Export' }))
    await waitFor(() => expect(calls).toHaveLength(1))
    expect(calls[0]).toEqual(['csv', expect.objectContaining({ rawCells: false })])
    fireEvent.click(raw)
    fireEvent.click(screen.getByRole('button', { name: 'Export' }))
    await waitFor(() => expect(calls).toHaveLength(2))
    expect(calls[1]).toEqual(['csv', expect.objectContaining({ rawCells: true })])
  })
})
