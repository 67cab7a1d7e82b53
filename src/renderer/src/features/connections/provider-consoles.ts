import type { ReactNode } from 'react'
import type { ConnectionSummary, ProviderKind } from '../../../../shared/model/connection'
import { CloutilityConsole } from '../../providers/cloutility/CloutilityConsole'

export type ProviderConsole = (props: { connection: ConnectionSummary }) => ReactNode

/** Each provider's feature registers the console shown under a connection's header. */
export const providerConsoles: Partial<Record<ProviderKind, ProviderConsole>> = {}
providerConsoles.cloutility = CloutilityConsole
