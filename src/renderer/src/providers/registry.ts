import type { ProviderKind } from '../../../shared/model/connection'
import { cloudallyUi } from './cloudally'
import { cloudbackUi } from './cloudback'
import { cloutilityUi } from './cloutility'
import type { ProviderUi } from './provider-ui'

// The renderer's list of providers (the mirror of main's module registry). Adding a provider is
// one line here and its folder beside this file; a missing one is a type error, not a silent gap.

const BY_KIND: { [K in ProviderKind]: ProviderUi<K> } = {
  cloutility: cloutilityUi,
  cloudally: cloudallyUi,
  cloudback: cloudbackUi
}

/** Every provider, in the order screens list them. */
export const PROVIDER_UIS: readonly ProviderUi[] = Object.values(BY_KIND)

/** The new-connection form's first choice. */
export const DEFAULT_PROVIDER: ProviderKind = cloutilityUi.kind

export function providerUi(kind: ProviderKind): ProviderUi {
  return BY_KIND[kind]
}

/** "a, b and c": one word or phrase per provider, for sentences that name them all. */
export function providersInWords(pick: (ui: ProviderUi) => string): string {
  const words = PROVIDER_UIS.map(pick)
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : (words[0] ?? '')
}

export function providerLabel(kind: ProviderKind): string {
  return BY_KIND[kind].label
}
