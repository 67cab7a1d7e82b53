// A real FleetService and WatchService over a vault in a temporary folder, with the fleet's rows
// set per connection by the test (a connection can be read and found empty, or fail to be read) on
// a clock the test moves: for what the kept scans say, without a provider behind them.
import { FleetService } from '../../../src/main/core/fleet/fleet.service'
import { WatchService, type WatchServiceOptions } from '../../../src/main/core/schedule/watch.service'
import { vaultKeys } from '../../../src/main/core/storage/vault-keys'
import { AppError } from '../../../src/shared/errors'
import type { ConnectionSummary } from '../../../src/shared/model/connection'
import type { FleetRow, FleetScope } from '../../../src/shared/model/fleet'
import { openVault, PASS, tmpDir } from '../vault/helpers'

const HOUR = 3_600_000

export async function scriptedWatch(connections: ConnectionSummary[], options: { startMs: number; emit?: WatchServiceOptions['emit'] }) {
  const dir = tmpDir()
  const { vault } = await openVault(dir)
  await vault.setup(PASS)
  const clock = { ms: options.startMs }
  const now = () => clock.ms
  const rowsNow = new Map<string, FleetRow[] | AppError>()
  const late: { watch?: WatchService } = {}
  const fleet = new FleetService({
    dataDir: dir,
    keys: vaultKeys(vault),
    connections: { list: () => connections },
    rowsOf: async (c) => {
      const rows = rowsNow.get(c.id) ?? []
      if (rows instanceof AppError) throw rows
      return rows
    },
    onFinished: (result, o) => late.watch?.onScanFinished(result, o),
    now
  })
  const watch = new WatchService({ dataDir: dir, fleet, connections: { list: () => connections }, keys: vault, onUnlock: () => () => undefined, now, ...(options.emit ? { emit: options.emit } : {}) })
  late.watch = watch
  await watch.settings.set({ schedule: { mode: 'off' } })
  return {
    dir,
    vault,
    clock,
    now,
    watch,
    /** An hour on, a scan of `scope` finding these rows per connection (one not named keeps its rows, none at first); answers when it finished (it may not be kept yet). */
    scan: (rows: Record<string, FleetRow[] | AppError>, scope: FleetScope = {}) => {
      clock.ms += HOUR
      for (const [id, r] of Object.entries(rows)) rowsNow.set(id, r)
      return fleet.run(scope)
    },
    dispose: async () => {
      await watch.dispose()
      await fleet.dispose()
    }
  }
}
