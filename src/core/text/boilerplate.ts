/**
 * Agency boilerplate: the fixed phrases news agencies put at the end (or start) of a report.
 * They are not content and are marked not-for-translation.
 */

const DECORATION = '[\\s/\\\\*\\-–—.:|]*'

const BOILERPLATE_PATTERNS: RegExp[] = [
  // "end of message / news / report", often with a slash: انتهای پیام/ , /پایان خبر
  new RegExp(`^${DECORATION}(?:انتهای|پایان|انتها)\\s*(?:پیام|خبر|گزارش|متن)${DECORATION}$`, 'u'),
  // News code line: کد خبر: ۱۲۳۴۵
  /^\s*کد\s*(?:خبر|مطلب)\s*[:：]?\s*[0-9۰-۹٠-٩]+\s*$/u,
  // Short-link and "send to friend" leftovers from web pages.
  /^\s*(?:لینک\s*کوتاه|ارسال\s*به\s*دوستان|نسخه\s*چاپی)\s*[:：]?.{0,80}$/u
]

/** True when the whole line (or paragraph) is agency boilerplate. */
export function isBoilerplate(text: string): boolean {
  if (text.length > 120) return false
  return BOILERPLATE_PATTERNS.some((pattern) => pattern.test(text))
}
