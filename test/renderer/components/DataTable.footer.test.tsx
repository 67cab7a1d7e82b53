import { fireEvent, render, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { csvColumnsOf, DataTable, type TableColumn } from '../../../src/renderer/src/components/DataTable'
import { toCsv } from '../../../src/renderer/src/components/csv'

interface Line {
  id: number
  product: string
  amount: number
}

const lines: Line[] = [
  { id: 1, product: 'Storage', amount: 30 },
  { id: 2, product: 'Backup node', amount: 12 }
]
const columns: Array<TableColumn<Line>> = [
  { id: 'product', header: 'Product', text: (l) => l.product, sortValue: (l) => l.product, width: 200 },
  { id: 'amount', header: 'Amount', text: (l) => String(l.amount), sortValue: (l) => l.amount, align: 'end', width: 80 }
]
const total = (
  <tr>
    <th scope="row">Total</th>
    <td className="num">42</td>
  </tr>
)

describe('DataTable footer', () => {
  it('renders the footer rows in a tfoot under the body, where a sort does not move them', () => {
    render(<DataTable tableId="test.lines" rows={lines} columns={columns} rowKey={(l) => l.id} label="Lines" footer={total} />)
    const table = screen.getByRole('table', { name: 'Lines' })
    const foot = table.querySelector('tfoot')
    expect(foot).not.toBeNull()
    expect(within(foot as HTMLElement).getByRole('rowheader', { name: 'Total' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: /Amount/ }))
    fireEvent.click(screen.getByRole('button', { name: /Amount/ }))
    const rows = within(table).getAllByRole('row')
    expect(rows.slice(1).map((r) => r.textContent)).toEqual(['Storage30', 'Backup node12', 'Total42'])
  })

  it('has no tfoot without a footer, and the footer is never part of the CSV', () => {
    render(<DataTable tableId="test.lines" rows={lines} columns={columns} rowKey={(l) => l.id} label="Lines" />)
    expect(screen.getByRole('table', { name: 'Lines' }).querySelector('tfoot')).toBeNull()
    expect(toCsv(lines, csvColumnsOf(columns))).not.toContain('42')
  })
})
