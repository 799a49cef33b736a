/** Runtime shape of stored documents: every file is validated when it is loaded or imported. */
import { z } from 'zod'
import { ROW_STATUSES, type HamtaDocument } from './model'

const sourceSentence = z.object({ id: z.string().min(1), text: z.string() })

const row = z.object({
  id: z.string().min(1),
  paragraph: z.number().int().min(0),
  source: z.array(sourceSentence),
  target: z.string(),
  status: z.enum(ROW_STATUSES),
  updatedAt: z.string()
})

export const documentSchema = z.object({
  schemaVersion: z.number().int().min(1),
  id: z.string().min(1),
  title: z.string(),
  sourceLang: z.literal('fa'),
  targetLang: z.literal('en'),
  createdAt: z.string(),
  updatedAt: z.string(),
  origin: z.object({ fileName: z.string(), encoding: z.string(), importedAt: z.string() }),
  originalText: z.string(),
  rows: z.array(row)
}) satisfies z.ZodType<HamtaDocument>

export function validateDocument(value: unknown): { ok: true; document: HamtaDocument } | { ok: false; problem: string } {
  const result = documentSchema.safeParse(value)
  if (result.success) return { ok: true, document: result.data }
  const first = result.error.issues[0]
  return { ok: false, problem: `${first.path.join('.') || 'document'}: ${first.message}` }
}
