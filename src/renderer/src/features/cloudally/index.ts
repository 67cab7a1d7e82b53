import { providerConsoles } from '../connections/provider-consoles'
import { ensureRestoreFeed } from '../restores/feed'
import { CloudAllyConsole } from './CloudAllyConsole'

// Imported once from App.tsx for this side effect: the CloudAlly console under a connection.
providerConsoles.cloudally = CloudAllyConsole
ensureRestoreFeed()
