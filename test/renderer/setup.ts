import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'

// Every renderer test unmounts what it rendered: vitest runs without globals, so Testing Library
// cannot register this itself.
afterEach(cleanup)
