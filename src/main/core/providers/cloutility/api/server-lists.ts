// The lists a node form picks from: the business unit's default server with its domains and
// option sets, operating systems, node types, and time zones.

import { AppError } from '../../../../../shared/errors'
import type { BackupServer, ClientOptionSet, Domain, NodeType, OperatingSystem, TimeZone } from '../../../../../shared/providers/cloutility/model'
import { items } from '../map/common'
import { toBackupServer, toClientOptionSet, toDomain, toNodeType, toOperatingSystem, toTimeZone } from '../map/server-lists'
import { buPath, type CallOptions, type Door } from './common'

export function serverListsApi({ request, units }: Door) {
  async function defaultServer(buId: number, o: CallOptions = {}): Promise<BackupServer> {
    const s = toBackupServer(await request({ ...o, path: `${buPath(buId)}/defaultserver`, about: `default server of ${units.bu(buId)}` }))
    if (!s) throw new AppError('UPSTREAM', 'Cloutility returned no default backup server.')
    return s
  }

  async function domains(buId: number, o: CallOptions = {}): Promise<Domain[]> {
    return items(await request({ ...o, path: `${buPath(buId)}/defaultserver/domains`, about: units.bu(buId) }), toDomain)
  }

  async function clientOptionSets(buId: number, o: CallOptions = {}): Promise<ClientOptionSet[]> {
    return items(await request({ ...o, path: `${buPath(buId)}/defaultserver/clientoptionsets`, about: units.bu(buId) }), toClientOptionSet)
  }

  async function operatingSystems(o: CallOptions = {}): Promise<OperatingSystem[]> {
    return items(await request({ ...o, path: '/v1/nodeoperatingsystems' }), toOperatingSystem)
  }

  async function nodeTypes(o: CallOptions = {}): Promise<NodeType[]> {
    return items(await request({ ...o, path: '/v1/nodetypes' }), toNodeType)
  }

  async function timeZones(o: CallOptions = {}): Promise<TimeZone[]> {
    return items(await request({ ...o, path: '/v1/timezones' }), toTimeZone)
  }

  return { defaultServer, domains, clientOptionSets, operatingSystems, nodeTypes, timeZones }
}
