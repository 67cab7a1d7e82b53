import { providerConsoles } from '../../features/connections/provider-consoles'
import { ensureRestoreFeed } from '../../features/restores/feed'
import { CloudAllyConsole } from './CloudAllyConsole'

// Imported once from App.tsx for this side effect: the CloudAlly console under a connection.
providerConsoles.cloudally = CloudAllyConsole
ensureRestoreFeed()
