import { entryField, type CredentialMapping } from '../../credential-import/provider-map'

export const cloudAllyCredentials: CredentialMapping = {
  hostSuffixes: ['cloudally.com'],
  fields(entry) {
    // Both logins send the API client's id and secret (the real service refuses /auth without
    // them); a "mode" field saying "user" or "portal" marks a portal-user login.
    const clientId = entryField(entry, 'client id', 'client_id', 'clientid')
    const clientSecret = entryField(entry, 'client secret', 'client_secret', 'clientsecret')
    if (!clientId || !clientSecret) {
      return { problem: 'A CloudAlly login needs its API client id and secret: add fields named "client id" and "client secret" to the entry.' }
    }
    const mode = /user|portal/i.test(entryField(entry, 'mode', 'login type') ?? '') ? 'user' : 'partner'
    return { mode, clientId, clientSecret, email: entry.username, password: entry.password }
  }
}
