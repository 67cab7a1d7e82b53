import type { StateCreator } from 'zustand'
import type { AppState } from '../store'
import { createCloudAllySlice, type CloudAllySlice } from './cloudally/cloudally.slice'
import { createCloudbackSlice, type CloudbackSlice } from './cloudback/cloudback.slice'
import { createCloutilitySlice, type CloutilitySlice } from './cloutility/cloutility.slice'

// The providers' parts of the store, which store/index.ts composes. Kept apart from registry.ts
// because the store is built before any screen: this file imports slices only, never a screen.

export type ProviderSlices = CloutilitySlice & CloudAllySlice & CloudbackSlice

export const createProviderSlices: StateCreator<AppState, [], [], ProviderSlices> = (...args) => ({
  ...createCloutilitySlice(...args),
  ...createCloudAllySlice(...args),
  ...createCloudbackSlice(...args)
})
