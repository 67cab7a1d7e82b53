import { entryField, type CredentialMapping } from '../../credential-import/provider-map'

export const cloudbackCredentials: CredentialMapping = {
  hostSuffixes: ['cloudback.it'],
  fields: (entry) => ({ apiKey: entryField(entry, 'api key', 'api_key', 'apikey') ?? entry.password })
}
