import { z } from 'zod'
import type {
  AuditLogEntry,
  BackupNode,
  BillingData,
  BusinessUnit,
  BusinessUnitNode,
  ClientOptionSet,
  ConsumptionUnit,
  Contract,
  CurrentUser,
  Domain,
  Filespace,
  Invoice,
  InvoiceFile,
  JobList,
  NodeReport,
  NodeType,
  NodeWarningType,
  OperatingSystem,
  Page,
  ProxyNode,
  ProxyRelations,
  BackupServer,
  TimeZone
} from './model'
import { defineChannel, defineTopic, Id } from '../../contract/define'
import { ClientId, common, commonPatch, Origin, Secret, UserName } from '../../contract/connection-fields'

// The Cloutility console. Every channel names the connection it works on; main looks up that
// connection's client (and its secrets) itself. Writes are `mutates: true` and each one lands in
// the activity journal. Destructive writes repeat the id of what they delete (`confirmId`), so a
// stray call cannot delete anything. Node passwords go one way: in (password change) and into
// the vault (activation); no channel here answers one.

// --- IBM Storage Protect naming rules (provider-apis.md §2), shared so screens check live ------

export const NODE_NAME_MAX = 64
const NODE_NAME_CHAR = /[A-Z0-9_.\-+&]/
const NODE_PASSWORD_CHARS = /^[A-Za-z0-9.!@#$%^&*_\-+=`()|{}[\]:;<>,?/~\\]*$/

/** What is wrong with a node name (checked upper-cased, as SP handles names), or null when it is fine. */
export function nodeNameProblem(raw: string): string | null {
  const name = raw.trim().toUpperCase()
  if (!name) return 'Enter a node name (or use the proposed one).'
  if (name.length > NODE_NAME_MAX) return `The name is ${name.length} characters long; IBM Storage Protect allows at most ${NODE_NAME_MAX}.`
  const bad = [...new Set([...name].filter((c) => !NODE_NAME_CHAR.test(c)))]
  if (bad.length) {
    const shown = bad.map((c) => (c === ' ' ? 'space' : `“${c}”`)).join(', ')
    return `Not allowed in a node name: ${shown}. Use only A–Z, 0–9 and _ . - + &.`
  }
  return null
}

/** What is wrong with a new node password, or null. The server may ask for more (length, history). */
export function nodePasswordProblem(password: string): string | null {
  if (!password) return 'Enter the new node password.'
  if (password.length < 8) return 'Use at least 8 characters.'
  if (password.length > 64) return 'Node passwords can be at most 64 characters long.'
  if (!NODE_PASSWORD_CHARS.test(password)) {
    return 'Only letters, digits and . ! @ # $ % ^ & * _ - + = ` ( ) | { } [ ] : ; < > , ? / ~ \\ are allowed.'
  }
  return null
}

// --- shared input pieces ---------------------------------------------------------------------

const ProviderId = z.number().int().positive().max(2 ** 31 - 1)
const Text = (max: number) => z.string().trim().max(max)
const IsoDate = z.iso.datetime({ offset: true })
const YearMonthDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')

const onConnection = { connectionId: Id }
const onUnit = { connectionId: Id, businessUnitId: ProviderId }
const onConsumer = { connectionId: Id, businessUnitId: ProviderId, consumptionUnitId: ProviderId }

const refineNodeName = (value: string, ctx: z.RefinementCtx) => {
  const problem = nodeNameProblem(value)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
}

/** `confirmId` must repeat `idKey`'s value. */
function confirmed<T extends Record<string, unknown>>(idKey: keyof T & string) {
  return (value: T, ctx: z.RefinementCtx) => {
    if (value['confirmId'] !== value[idKey]) {
      ctx.addIssue({ code: 'custom', path: ['confirmId'], message: 'Confirm by repeating the id of what is deleted' })
    }
  }
}

export const BusinessUnitFields = z
  .object({
    name: Text(200).min(1, 'Give the business unit a name'),
    registrationNumber: Text(100).optional(),
    note: Text(4000).optional(),
    timeZoneId: ProviderId.optional(),
    /** 0 = last day of the month. */
    invoiceDay: z.number().int().min(0).max(31).optional()
  })
  .strict()

export const ConsumptionUnitFields = z
  .object({
    name: Text(200).min(1, 'Give the consumption unit a name'),
    note: Text(4000).optional(),
    externalReference: Text(200).optional(),
    billingStartDate: IsoDate.optional(),
    allowNoActivity: z.boolean().optional(),
    limitHighStorage: z.number().min(0).max(1e12).optional()
  })
  .strict()

export const BackupNodeFields = z
  .object({
    operatingSystemId: ProviderId,
    typeId: ProviderId,
    domainId: ProviderId,
    clientOptionSetId: ProviderId,
    serverId: ProviderId.optional(),
    contact: Text(500).optional(),
    cpuCount: z.number().int().min(1).max(1024).optional()
  })
  .strict()

const Range = { start: IsoDate.optional(), end: IsoDate.optional() }
const refineRange = (value: { start?: string | undefined; end?: string | undefined }, ctx: z.RefinementCtx) => {
  if (value.start && value.end && Date.parse(value.start) > Date.parse(value.end)) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: 'The end must be after the start' })
  }
}

export const AUDIT_TYPES = ['info', 'create', 'modify', 'delete', 'error'] as const

/** Largest invoice PDF accepted (raw bytes). */
export const INVOICE_FILE_MAX_BYTES = 10 * 1024 * 1024
const base64Length = Math.ceil(INVOICE_FILE_MAX_BYTES / 3) * 4
/** How many bytes a base64 text decodes to. */
const base64Bytes = (text: string) => Math.floor(((text.length - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0)) * 3) / 4)

// --- outputs ---------------------------------------------------------------------------------

export interface CloutilityTree {
  user: CurrentUser
  /** The user's home business unit and everything under it. */
  root: BusinessUnitNode
}

export interface ConsumptionUnitList {
  businessUnitId: number
  items: ConsumptionUnit[]
  /** When the status report the statuses come from was made (absent when there was none). */
  reportDate?: string
  /** True when the status report could not be read: names and ids only. */
  statusUnavailable?: boolean
}

export interface NodeOptions {
  domains: Domain[]
  clientOptionSets: ClientOptionSet[]
  operatingSystems: OperatingSystem[]
  nodeTypes: NodeType[]
  server?: BackupServer
}

export interface ActivationResult {
  nodeName: string
  /** The vault key the password is stored under (for vault.nodeCredential.reveal/copy). */
  nodeId: string
  passwordStored: boolean
  node: BackupNode
}

export interface ReportSeries {
  reports: NodeReport[]
  warningTypes: NodeWarningType[]
}

export interface Deleted {
  deleted: true
  id: number
  /** The provider's request id, for support. */
  requestId?: string
}

export type ProxyRole = 'agent' | 'target'

export const cloutilityChannels = {
  /** `/v1/me` + `/v1/bunits`: the user and the business-unit tree under the home unit. */
  'cloutility.tree': defineChannel<CloutilityTree>()(z.object({ ...onConnection, rootId: ProviderId.optional() }).strict()),
  'cloutility.searchBusinessUnits': defineChannel<BusinessUnitNode[]>()(
    z.object({ ...onConnection, term: Text(200).min(1), withinId: ProviderId.optional() }).strict()
  ),
  'cloutility.timeZones': defineChannel<TimeZone[]>()(z.object(onConnection).strict()),

  'cloutility.businessUnit.get': defineChannel<BusinessUnit>()(z.object(onUnit).strict()),
  'cloutility.businessUnit.create': defineChannel<BusinessUnit>()(
    z.object({ ...onConnection, parentId: ProviderId, unit: BusinessUnitFields }).strict(),
    { mutates: true }
  ),
  'cloutility.businessUnit.update': defineChannel<BusinessUnit>()(
    z.object({ ...onUnit, unit: BusinessUnitFields.partial() }).strict(),
    { mutates: true }
  ),
  'cloutility.businessUnit.delete': defineChannel<Deleted>()(
    z.object({ ...onUnit, confirmId: ProviderId }).strict().superRefine(confirmed('businessUnitId')),
    { mutates: true }
  ),

  /** Consumption units of one unit with node name, OS, type, status, storage and last backup (one status report, not a call per row). */
  'cloutility.consumptionUnits.list': defineChannel<ConsumptionUnitList>()(z.object(onUnit).strict()),
  'cloutility.consumptionUnit.get': defineChannel<ConsumptionUnit>()(z.object(onConsumer).strict()),
  'cloutility.consumptionUnit.create': defineChannel<ConsumptionUnit>()(
    z.object({ ...onUnit, unit: ConsumptionUnitFields }).strict(),
    { mutates: true }
  ),
  'cloutility.consumptionUnit.update': defineChannel<ConsumptionUnit>()(
    z.object({ ...onConsumer, unit: ConsumptionUnitFields.partial() }).strict(),
    { mutates: true }
  ),
  'cloutility.consumptionUnit.delete': defineChannel<Deleted>()(
    z
      .object({
        ...onConsumer,
        /** Also delete the schedule associations on the SP server (the provider's default). */
        deleteAssociations: z.boolean(),
        deletionComment: Text(1000).optional(),
        confirmId: ProviderId
      })
      .strict()
      .superRefine(confirmed('consumptionUnitId')),
    { mutates: true }
  ),

  /** The unit's backup node, or null when it has none yet. */
  'cloutility.node.get': defineChannel<BackupNode | null>()(z.object(onConsumer).strict()),
  'cloutility.node.options': defineChannel<NodeOptions>()(z.object(onUnit).strict()),
  'cloutility.node.create': defineChannel<BackupNode>()(z.object({ ...onConsumer, node: BackupNodeFields }).strict(), { mutates: true }),
  'cloutility.node.update': defineChannel<BackupNode>()(
    z.object({ ...onConsumer, node: BackupNodeFields.partial() }).strict(),
    { mutates: true }
  ),
  /** Deleting a node deletes its consumption unit too. */
  'cloutility.node.delete': defineChannel<Deleted>()(
    z
      .object({ ...onConsumer, deleteAssociations: z.boolean(), confirmId: ProviderId })
      .strict()
      .superRefine(confirmed('consumptionUnitId')),
    { mutates: true }
  ),
  /** The name Cloutility proposes (`node/spname`). */
  'cloutility.node.proposeName': defineChannel<{ name: string }>()(z.object(onConsumer).strict()),
  /** Registers the node on the SP server; the password goes to the vault, never back here. */
  'cloutility.node.activate': defineChannel<ActivationResult>()(
    z.object({ ...onConsumer, nodeName: z.string().max(200).superRefine(refineNodeName) }).strict(),
    { mutates: true }
  ),
  /**
   * Sets the node's password; the vault holds it before Cloutility is asked (see NodeCredentialStore),
   * so an answer means both Cloutility and the vault have it. Any failure says which has what.
   */
  'cloutility.node.changePassword': defineChannel<{ changed: true }>()(
    z
      .object({ ...onConsumer, password: z.string().max(200), confirm: z.string().max(200) })
      .strict()
      .superRefine((value, ctx) => {
        const problem = nodePasswordProblem(value.password)
        if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem })
        if (value.password !== value.confirm) ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'The two passwords differ' })
      }),
    { mutates: true }
  ),
  /** `sync: true` asks Cloutility to sync with the SP server first (slower). */
  'cloutility.filespaces': defineChannel<Filespace[]>()(z.object({ ...onConsumer, sync: z.boolean().default(false) }).strict()),
  /** Jobs in a range; a start before the first job is moved to it (see `range.clamped`). */
  'cloutility.jobs': defineChannel<JobList>()(z.object({ ...onConsumer, ...Range }).strict().superRefine(refineRange)),
  'cloutility.reports': defineChannel<ReportSeries>()(
    z.object({ ...onConsumer, ...Range, warnings: z.boolean().default(true) }).strict().superRefine(refineRange)
  ),
  'cloutility.nodeWarningTypes': defineChannel<NodeWarningType[]>()(z.object(onConnection).strict()),
  /** A consumption unit's audit log, or the business unit's when `consumptionUnitId` is absent. */
  'cloutility.auditLogs': defineChannel<Page<AuditLogEntry>>()(
    z
      .object({
        ...onUnit,
        consumptionUnitId: ProviderId.optional(),
        types: z.array(z.enum(AUDIT_TYPES)).max(5).optional(),
        ...Range,
        includeDescendants: z.boolean().default(false),
        orderDesc: z.boolean().default(true),
        limit: z.number().int().min(1).max(500).default(50),
        offset: z.number().int().min(0).max(10_000_000).default(0)
      })
      .strict()
      .superRefine(refineRange)
  ),

  'cloutility.proxy.list': defineChannel<ProxyRelations>()(z.object(onConsumer).strict()),
  'cloutility.proxy.possible': defineChannel<ProxyNode[]>()(z.object(onConsumer).strict()),
  /**
   * role 'agent': `otherId` may act as this node (this node is the target).
   * role 'target': this node may act as `otherId`.
   */
  'cloutility.proxy.grant': defineChannel<ProxyRelations>()(
    z.object({ ...onConsumer, role: z.enum(['agent', 'target']), otherId: ProviderId }).strict(),
    { mutates: true }
  ),
  'cloutility.proxy.revoke': defineChannel<ProxyRelations>()(
    z.object({ ...onConsumer, role: z.enum(['agent', 'target']), otherId: ProviderId, confirmId: ProviderId }).strict().superRefine(confirmed('otherId')),
    { mutates: true }
  ),

  /** null when the unit has no contract. */
  'cloutility.contract': defineChannel<Contract | null>()(z.object(onUnit).strict()),
  'cloutility.invoices': defineChannel<Invoice[]>()(z.object(onUnit).strict()),
  'cloutility.invoice': defineChannel<Invoice>()(z.object({ ...onUnit, date: YearMonthDay }).strict()),
  'cloutility.invoiceFiles.list': defineChannel<InvoiceFile[]>()(z.object(onUnit).strict()),
  'cloutility.invoiceFiles.upload': defineChannel<InvoiceFile>()(
    z
      .object({
        ...onUnit,
        fileName: Text(200).min(1).regex(/\.pdf$/i, 'The file must be a .pdf'),
        /** The PDF, base64. At most 10 MiB; must start with %PDF. */
        contentBase64: z.string().min(8).max(base64Length, 'The file is larger than 10 MiB').regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Not base64'),
        erpReference: Text(100).optional(),
        sendToBillingAddress: z.boolean().default(false)
      })
      .strict()
      .superRefine((value, ctx) => {
        // "%PDF" in base64 starts with "JVBER".
        if (!value.contentBase64.startsWith('JVBER')) ctx.addIssue({ code: 'custom', path: ['contentBase64'], message: 'This is not a PDF file' })
        // The length cap above allows up to two bytes more: the decoded size is the rule.
        if (base64Bytes(value.contentBase64) > INVOICE_FILE_MAX_BYTES) {
          ctx.addIssue({ code: 'custom', path: ['contentBase64'], message: 'The file is larger than 10 MiB' })
        }
      }),
    { mutates: true }
  ),
  'cloutility.billing': defineChannel<BillingData[]>()(
    z.object({ ...onUnit, includeNext: z.number().int().min(0).max(24).default(0) }).strict()
  ),
  'cloutility.billing.byDate': defineChannel<BillingData>()(z.object({ ...onUnit, date: YearMonthDay }).strict())
} as const

/** Something changed at the provider through Backdesk (screens refresh what shows it). */
export interface CloutilityChange {
  connectionId: string
  objectType: 'businessUnit' | 'consumptionUnit' | 'node' | 'proxy' | 'invoiceFile'
  action: string
  id: number
  businessUnitId?: number
  consumptionUnitId?: number
  ok: boolean
}

export const cloutilityTopics = {
  'cloutility.changed': defineTopic<CloutilityChange>()
} as const

// --- connections.create / connections.update --------------------------------------------------

export const CloutilityConnectionCreate = z
  .object({
    provider: z.literal('cloutility'),
    ...common,
    clientId: ClientId,
    origin: Origin,
    username: UserName,
    password: Secret
  })
  .strict()

export const CloutilityConnectionUpdate = z
  .object({
    provider: z.literal('cloutility'),
    ...commonPatch,
    clientId: ClientId.optional(),
    origin: Origin.optional(),
    username: UserName.optional(),
    password: Secret.optional()
  })
  .strict()
