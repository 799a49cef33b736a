/** Runtime shape of stored documents: every file is validated when it is loaded or imported. */
import { z } from 'zod'
import { ALIGNMENT_STATUSES, CONFLICT_FIELDS, ORIGINAL_FORMATS, ROW_STATUSES, type HamtaDocument } from './model'

const span = z.object({
  id: z.string().min(1),
  tag: z.string().min(1),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  link: z.string().optional()
})

const comment = z.object({
  id: z.string().min(1),
  author: z.string(),
  text: z.string(),
  createdAt: z.string(),
  resolved: z.boolean(),
  resolvedAt: z.string().optional()
})

const conflictSide = z.object({ value: z.unknown(), spans: z.array(span).optional(), author: z.string(), at: z.string() })

const conflict = z.object({
  id: z.string().min(1),
  field: z.enum(CONFLICT_FIELDS),
  key: z.string().optional(),
  base: z.unknown().optional(),
  ours: conflictSide,
  theirs: conflictSide,
  detectedAt: z.string()
})

const sourceSentence = z.object({ id: z.string().min(1), text: z.string(), spans: z.array(span) })

const inlineCode = z.object({
  id: z.string(),
  kind: z.enum(['open', 'close', 'standalone']),
  label: z.string(),
  xml: z.string(),
  isolated: z.string().optional()
})

const row = z.object({
  id: z.string().min(1),
  paragraph: z.number().int().min(0),
  source: z.array(sourceSentence),
  target: z.string(),
  status: z.enum(ROW_STATUSES),
  alignment: z.object({ status: z.enum(ALIGNMENT_STATUSES), confidence: z.number().min(0).max(1).optional() }).optional(),
  tags: z.array(z.string()),
  targetSpans: z.array(span),
  comments: z.array(comment),
  doNotTranslate: z.boolean().optional(),
  updatedAt: z.string(),
  conflicts: z.array(conflict).optional(),
  unitId: z.string().optional(),
  fileId: z.string().optional(),
  segmentId: z.string().optional(),
  locked: z.boolean().optional(),
  codes: z.array(inlineCode).optional()
})

export const documentSchema = z.object({
  schemaVersion: z.number().int().min(1),
  id: z.string().min(1),
  title: z.string(),
  sourceLang: z.literal('fa'),
  targetLang: z.literal('en'),
  createdAt: z.string(),
  updatedAt: z.string(),
  origin: z.object({
    fileName: z.string(),
    encoding: z.string(),
    importedAt: z.string(),
    original: z.object({ format: z.enum(ORIGINAL_FORMATS), path: z.string().min(1), sha256: z.string() }).optional()
  }),
  originalText: z.string(),
  rows: z.array(row),
  dismissedCleanup: z.array(z.string()).optional()
}) satisfies z.ZodType<HamtaDocument>

export function validateDocument(value: unknown): { ok: true; document: HamtaDocument } | { ok: false; problem: string } {
  const result = documentSchema.safeParse(value)
  if (result.success) return { ok: true, document: result.data }
  const first = result.error.issues[0]
  return { ok: false, problem: `${first.path.join('.') || 'document'}: ${first.message}` }
}
