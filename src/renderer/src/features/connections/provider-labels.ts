import type { ProviderKind } from '../../../../shared/model/connection'

export const PROVIDER_LABELS: Record<ProviderKind, string> = {
  cloutility: 'Cloutility',
  cloudally: 'CloudAlly',
  cloudback: 'Cloudback'
}
