import { CLOUDBACK_JOURNAL_ACTION_WORDS, CLOUDBACK_JOURNAL_OBJECT_WORDS } from '../../../../shared/providers/cloudback/words'
import type { ProviderUi } from '../provider-ui'
import { CloudbackConsole } from './CloudbackConsole'

export const cloudbackUi: ProviderUi<'cloudback'> = {
  kind: 'cloudback',
  label: 'Cloudback',
  holds: 'Cloudback repository definitions',
  fleetItem: 'tracked Cloudback definition',
  defaultBaseUrl: 'https://app.cloudback.it',
  connectionFields: () => [{ key: 'apiKey', label: 'API key', secret: true, hint: 'Cloudback dashboard → API Keys' }],
  Console: CloudbackConsole,
  journalActions: CLOUDBACK_JOURNAL_ACTION_WORDS,
  journalObjects: CLOUDBACK_JOURNAL_OBJECT_WORDS,
  restoreCenterNote: 'Cloudback’s API has no restore: restore a repository from the Cloudback dashboard.',
  emptyCustomerPart: 'No definitions tracked yet: look some up on the connection’s screen.'
}
