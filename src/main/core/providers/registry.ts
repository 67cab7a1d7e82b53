// The providers Backdesk ships: one line each. createCore takes this list (a test may add a
// module); every cross-provider service iterates it. Adding a provider: docs/ARCHITECTURE.md.

import { cloudAllyProvider } from './cloudally'
import { cloudbackProvider } from './cloudback'
import { cloutilityProvider } from './cloutility'
import type { AnyProviderModule } from './provider-module'

export const PROVIDER_MODULES: readonly AnyProviderModule[] = [cloutilityProvider, cloudAllyProvider, cloudbackProvider]
