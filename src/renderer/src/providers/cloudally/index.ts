import { CLOUDALLY_JOURNAL_ACTION_WORDS, CLOUDALLY_JOURNAL_OBJECT_WORDS } from '../../../../shared/providers/cloudally/words'
import type { ProviderUi } from '../provider-ui'
import { cloudAllyRestoreCenter } from './restore-center'
import { CloudAllyConsole } from './CloudAllyConsole'
import { CloudAllyRestoreCenterSection } from './RestoreCenterSection'

export const cloudallyUi: ProviderUi<'cloudally'> = {
  kind: 'cloudally',
  label: 'CloudAlly',
  holds: 'CloudAlly SaaS backups',
  fleetItem: 'CloudAlly task',
  defaultBaseUrl: 'https://api.cloudally.com',
  loginModes: {
    legend: 'Login',
    options: [
      { value: 'partner', label: 'Partner' },
      { value: 'user', label: 'Portal user' }
    ]
  },
  connectionFields(mode) {
    // Both logins send the client ID and secret: CloudAlly's clients refuse /auth without them.
    const partner = mode === 'partner'
    return [
      { key: 'clientId', label: partner ? 'Partner client ID' : 'Client ID', hint: 'Partner portal → Integrations' },
      { key: 'clientSecret', label: partner ? 'Partner client secret' : 'Client secret', secret: true },
      { key: 'email', label: partner ? 'Partner user email' : 'Portal user email' },
      { key: 'password', label: 'Password', secret: true }
    ]
  },
  Console: CloudAllyConsole,
  journalActions: CLOUDALLY_JOURNAL_ACTION_WORDS,
  journalObjects: CLOUDALLY_JOURNAL_OBJECT_WORDS,
  RestoreCenterSection: CloudAllyRestoreCenterSection,
  restoreCenter: cloudAllyRestoreCenter
}
