/**
 * How much Hamta reads, in one place. Each limit keeps an import's memory to a small multiple of
 * the file (or refuses the file with a message that says which limit it broke), so a hostile or
 * damaged file cannot take the machine's memory.
 */

const MB = 1024 * 1024

/** Largest file imported, of any kind. */
export const MAX_IMPORT_BYTES = 100 * MB

/** Largest XLIFF or TMX file read. */
export const MAX_XML_BYTES = MAX_IMPORT_BYTES

/**
 * Longest attribute value in an XLIFF or TMX file, in characters. Attributes hold ids, language
 * codes, dates and file names; megabytes in one are a broken or hostile file.
 */
export const MAX_XML_ATTRIBUTE_CHARS = 1024 * 1024

/** Longest text of one segment (a source or target), in characters: hundreds of pages. */
export const MAX_SEGMENT_CHARS = 1024 * 1024

/** Most attributes on one element (real ones have a handful). */
export const MAX_XML_ATTRIBUTES = 256

/** Deepest nesting of elements in an XLIFF or TMX file (real files nest about ten deep). */
export const MAX_XML_DEPTH = 256

/**
 * Most elements in an XLIFF or TMX file. A real 100 MB file has about two million; each costs
 * about a hundred bytes once read, so this bounds the tree at a few hundred megabytes.
 */
export const MAX_XML_ELEMENTS = 5_000_000

/** A Word file's parts, once unpacked, all together (images included). */
export const MAX_DOCX_UNPACKED_BYTES = 200 * MB

/**
 * The XML of a Word file that is read for its text (document, notes, styles, numbering, …),
 * unpacked. The Word reader needs about forty times this in memory; 20 MB of XML is a book of
 * some thousands of pages.
 */
export const MAX_DOCX_XML_BYTES = 20 * MB

/**
 * A zip part packed this many times smaller than its content is a zip bomb: Deflate cannot do
 * much better than 1000:1 even on a run of one repeated byte.
 */
export const MAX_ZIP_RATIO = 1000

/** The ratio is only judged for parts at least this large unpacked. */
export const ZIP_RATIO_MIN_BYTES = MB

/** Sizes for people: 2.1 GB, 45.0 MB, 12 KB. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MB) return `${(bytes / (1024 * MB)).toFixed(1)} GB`
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`
  return `${bytes} bytes`
}

/** A limit for people: "100 MB", "1 M characters". */
export function formatLimit(bytes: number): string {
  if (bytes >= MB && bytes % MB === 0) return `${bytes / MB} MB`
  return formatBytes(bytes)
}
