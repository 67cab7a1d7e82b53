import * as fs from 'node:fs'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import git, { type HttpClient } from 'isomorphic-git'

// The workspace's local clone: a bare git repository in the data folder, read and written at the
// object level (no working tree: nothing decrypted ever touches the disk). isomorphic-git does the
// git work, so no git install is needed. Two transports reach the remote: smart HTTP(S) through
// isomorphic-git, and a repository on a local or shared disk, for which isomorphic-git has no
// transport, through `PathRemote` below (objects copied, the branch moved under git's own lock
// file protocol, so a real git on the same repository is never raced).

export const BRANCH = 'refs/heads/main'
const REMOTE_REF = 'refs/remotes/origin/main'

export type FileMap = Map<string, string>

/** The push was refused because the remote moved on (not a fast-forward): fetch, merge, retry. */
export class PushBehindError extends Error {
  constructor() {
    super('the remote has changes this computer has not merged yet')
    this.name = 'PushBehindError'
  }
}

/** The server refused the push for its own reasons (a hook, permissions, protected branch). */
export class PushRefusedError extends Error {
  constructor(readonly reason: string) {
    super(reason)
    this.name = 'PushRefusedError'
  }
}

export interface Transport {
  /** Brings the remote branch's objects here; answers its commit (null for an empty remote). */
  fetch(repo: GitRepo): Promise<string | null>
  /** Moves the remote branch from `expected` to `oid` (a descendant), sending missing objects. */
  push(repo: GitRepo, oid: string, expected: string | null): Promise<void>
}

export class GitRepo {
  readonly cache = {}
  constructor(readonly gitdir: string) {}

  async init(): Promise<void> {
    await mkdir(this.gitdir, { recursive: true, mode: 0o700 })
    if (!fs.existsSync(join(this.gitdir, 'HEAD'))) {
      await git.init({ fs, dir: this.gitdir, gitdir: this.gitdir, bare: true, defaultBranch: 'main' })
    }
  }

  resolve(ref: string): Promise<string | null> {
    return git.resolveRef({ fs, gitdir: this.gitdir, ref }).catch(() => null)
  }

  head(): Promise<string | null> {
    return this.resolve(BRANCH)
  }

  remoteHead(): Promise<string | null> {
    return this.resolve(REMOTE_REF)
  }

  async setHead(oid: string): Promise<void> {
    await git.writeRef({ fs, gitdir: this.gitdir, ref: BRANCH, value: oid, force: true })
  }

  async setRemoteHead(oid: string): Promise<void> {
    await git.writeRef({ fs, gitdir: this.gitdir, ref: REMOTE_REF, value: oid, force: true })
  }

  async has(oid: string): Promise<boolean> {
    try {
      await git.readObject({ fs, gitdir: this.gitdir, oid, format: 'deflated', cache: this.cache })
      return true
    } catch {
      return false
    }
  }

  /** Every file of a commit, path → blob id ('/'-separated paths). */
  async files(commit: string | null): Promise<FileMap> {
    const out: FileMap = new Map()
    if (!commit) return out
    const { commit: c } = await git.readCommit({ fs, gitdir: this.gitdir, oid: commit, cache: this.cache })
    const walk = async (tree: string, prefix: string): Promise<void> => {
      const { tree: entries } = await git.readTree({ fs, gitdir: this.gitdir, oid: tree, cache: this.cache })
      for (const e of entries) {
        const path = prefix + e.path
        if (e.type === 'tree') await walk(e.oid, `${path}/`)
        else if (e.type === 'blob') out.set(path, e.oid)
      }
    }
    await walk(c.tree, '')
    return out
  }

  async readBlob(oid: string): Promise<Uint8Array> {
    const { blob } = await git.readBlob({ fs, gitdir: this.gitdir, oid, cache: this.cache })
    return blob
  }

  writeBlob(bytes: Uint8Array): Promise<string> {
    return git.writeBlob({ fs, gitdir: this.gitdir, blob: bytes })
  }

  /** Writes the trees for `files` and a commit on top of `parents`; does not move any branch. */
  async commit(parents: string[], files: FileMap, author: string, message: string, at: Date): Promise<string> {
    const tree = await this.writeTree(files)
    const who = { name: author, email: `${author}@members.backdesk.invalid`, timestamp: Math.floor(at.getTime() / 1000), timezoneOffset: 0 }
    return git.writeCommit({ fs, gitdir: this.gitdir, commit: { tree, parent: parents, author: who, committer: who, message: `${message}\n` } })
  }

  private async writeTree(files: FileMap): Promise<string> {
    interface Dir {
      blobs: Map<string, string>
      dirs: Map<string, Dir>
    }
    const root: Dir = { blobs: new Map(), dirs: new Map() }
    for (const [path, oid] of files) {
      const parts = path.split('/')
      let dir = root
      for (const part of parts.slice(0, -1)) {
        let next = dir.dirs.get(part)
        if (!next) dir.dirs.set(part, (next = { blobs: new Map(), dirs: new Map() }))
        dir = next
      }
      dir.blobs.set(parts.at(-1) as string, oid)
    }
    const write = async (dir: Dir): Promise<string> => {
      const tree: Array<{ mode: string; path: string; oid: string; type: 'blob' | 'tree' }> = []
      for (const [name, sub] of dir.dirs) tree.push({ mode: '040000', path: name, oid: await write(sub), type: 'tree' })
      for (const [name, oid] of dir.blobs) tree.push({ mode: '100644', path: name, oid, type: 'blob' })
      return git.writeTree({ fs, gitdir: this.gitdir, tree })
    }
    return write(root)
  }

  isAncestor(ancestor: string, of: string): Promise<boolean> {
    if (ancestor === of) return Promise.resolve(true)
    return git.isDescendent({ fs, gitdir: this.gitdir, oid: of, ancestor, depth: -1, cache: this.cache })
  }

  async mergeBase(a: string, b: string): Promise<string | null> {
    const bases = await git.findMergeBase({ fs, gitdir: this.gitdir, oids: [a, b], cache: this.cache })
    return (bases[0] as string | undefined) ?? null
  }

  /** Every object reachable from `tip` that `has` says is missing, newest commit first. */
  async missingObjects(tip: string, has: (oid: string) => Promise<boolean>): Promise<string[]> {
    const out: string[] = []
    const seen = new Set<string>()
    const commits = [tip]
    while (commits.length > 0) {
      const oid = commits.pop() as string
      if (seen.has(oid)) continue
      seen.add(oid)
      if (await has(oid)) continue // a commit that is there has everything under it there too
      out.push(oid)
      const { commit } = await git.readCommit({ fs, gitdir: this.gitdir, oid, cache: this.cache })
      commits.push(...commit.parent)
      const trees = [commit.tree]
      while (trees.length > 0) {
        const t = trees.pop() as string
        if (seen.has(t)) continue
        seen.add(t)
        if (await has(t)) continue
        out.push(t)
        const { tree } = await git.readTree({ fs, gitdir: this.gitdir, oid: t, cache: this.cache })
        for (const e of tree) {
          if (e.type === 'tree') trees.push(e.oid)
          else if (e.type === 'blob' && !seen.has(e.oid)) {
            seen.add(e.oid)
            if (!(await has(e.oid))) out.push(e.oid)
          }
        }
      }
    }
    return out
  }

  async copyObjectsTo(target: string, oids: readonly string[]): Promise<void> {
    for (const oid of oids) {
      const obj = await git.readObject({ fs, gitdir: this.gitdir, oid, format: 'deflated', cache: this.cache })
      await git.writeObject({ fs, gitdir: target, oid, type: obj.type as 'blob' | 'tree' | 'commit' | 'tag', object: obj.object as Uint8Array, format: 'deflated' })
    }
  }

  /** Copies objects from another repository on disk into this one. */
  async copyObjectsFrom(source: GitRepo, oids: readonly string[]): Promise<void> {
    await source.copyObjectsTo(this.gitdir, oids)
  }
}

// ---- a repository on a local or shared disk ------------------------------------------------------

export class PathRemote implements Transport {
  private readonly remote: GitRepo

  constructor(path: string) {
    this.remote = new GitRepo(path)
  }

  async fetch(repo: GitRepo): Promise<string | null> {
    if (!fs.existsSync(join(this.remote.gitdir, 'HEAD'))) {
      throw new Error(`there is no git repository at ${this.remote.gitdir}`)
    }
    const tip = await this.remote.head()
    if (tip === null) return null
    const missing = await this.remote.missingObjects(tip, (oid) => repo.has(oid))
    await repo.copyObjectsFrom(this.remote, missing)
    await repo.setRemoteHead(tip)
    return tip
  }

  async push(repo: GitRepo, oid: string, expected: string | null): Promise<void> {
    const missing = await repo.missingObjects(oid, (o) => this.remote.has(o))
    await repo.copyObjectsTo(this.remote.gitdir, missing)
    // git's ref lock: create <ref>.lock exclusively, check the old value, rename over the ref.
    const refPath = join(this.remote.gitdir, BRANCH)
    const lockPath = `${refPath}.lock`
    await mkdir(dirname(refPath), { recursive: true })
    let lock
    try {
      lock = await open(lockPath, 'wx')
    } catch {
      throw new PushBehindError()
    }
    try {
      const current = await this.remote.head()
      if (current !== expected) throw new PushBehindError()
      await lock.writeFile(`${oid}\n`)
      await lock.sync()
      await lock.close()
      lock = undefined
      await rename(lockPath, refPath)
    } finally {
      if (lock) await lock.close()
      await rm(lockPath, { force: true })
    }
    await repo.setRemoteHead(oid)
  }
}

/** Creates an empty bare repository at `path` for a new workspace on a local or shared disk. */
export async function initBareAt(path: string): Promise<void> {
  await new GitRepo(path).init()
}

// ---- smart HTTP(S) -----------------------------------------------------------------------------------

export class HttpRemote implements Transport {
  constructor(
    private readonly url: string,
    private readonly http: HttpClient
  ) {}

  async fetch(repo: GitRepo): Promise<string | null> {
    const info = await git.getRemoteInfo2({ http: this.http, url: this.url })
    const tip = (info.refs ?? []).find((r) => r.ref === BRANCH)?.oid ?? null
    if (tip === null) return null
    if (!(await repo.has(tip))) {
      // isomorphic-git maps the fetched branch through the remote's refspec in the config.
      await git.addRemote({ fs, gitdir: repo.gitdir, remote: 'origin', url: this.url, force: true })
      await git.fetch({ fs, http: this.http, gitdir: repo.gitdir, url: this.url, ref: 'main', remoteRef: 'main', singleBranch: true, tags: false, cache: repo.cache })
    }
    await repo.setRemoteHead(tip)
    return tip
  }

  async push(repo: GitRepo, oid: string, expected: string | null): Promise<void> {
    // isomorphic-git pushes a local ref: a scratch ref holds exactly the commit agreed on.
    const ref = 'refs/backdesk/push'
    await git.writeRef({ fs, gitdir: repo.gitdir, ref, value: oid, force: true })
    if (expected) await repo.setRemoteHead(expected)
    // What the server prints while refusing (a hook's message) comes as progress lines.
    const said: string[] = []
    const onMessage = (line: string) => {
      const text = line.trim()
      if (text && said.length < 20) said.push(text.slice(0, 300))
    }
    try {
      await git.push({ fs, http: this.http, gitdir: repo.gitdir, url: this.url, ref, remoteRef: BRANCH, force: false, cache: repo.cache, onMessage })
    } catch (err) {
      const code = (err as { code?: string }).code
      const data = (err as { data?: { reason?: string; result?: { refs?: Record<string, { error?: string }> } } }).data
      if (code === 'PushRejectedError' || code === 'NotFoundError') throw new PushBehindError()
      if (code === 'GitPushError') {
        const refs = Object.values(data?.result?.refs ?? {}).map((r) => r.error ?? '').join('; ') || 'refused'
        const reason = said.length > 0 ? `${refs}: ${said.join(' ')}` : refs
        if (/fetch first|non-fast-forward|failed to update ref|cannot lock ref/i.test(reason)) throw new PushBehindError()
        throw new PushRefusedError(reason)
      }
      throw err
    }
    await repo.setRemoteHead(oid)
  }
}
