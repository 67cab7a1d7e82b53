import { providerConsoles } from '../../features/connections/provider-consoles'
import { CloudbackConsole } from './CloudbackConsole'

// Imported once from App.tsx for this side effect: the Cloudback console under a connection.
providerConsoles.cloudback = CloudbackConsole
