import { entryField, type CredentialMapping } from '../../credential-import/provider-map'

export const cloutilityCredentials: CredentialMapping = {
  hostSuffixes: ['cloutility.com', 'cloutility.net', 'cloutility.se', 'safedc.net'],
  // Self-hosted Cloutility portals have any host; their API path or the title says so.
  recognise: (entry) => /cloutility/i.test(`${entry.url} ${entry.title}`),
  fields(entry, baseUrl) {
    const clientId = entryField(entry, 'client id', 'client_id', 'clientid')
    if (!clientId) return { problem: 'A Cloutility login needs its client id: add a field named "client id" to the entry.' }
    return { clientId, origin: entryField(entry, 'origin') ?? new URL(baseUrl).origin, username: entry.username, password: entry.password }
  }
}
