/**
 * Cases from the test suites of other Persian text tools, as Hamta's tests. Each case is in
 * Hamta's scope (sentence boundaries; ZWNJ, spacing and letter-form fixes) or not (punctuation
 * spacing, digit conversion, diacritic removal, quote style: Hamta keeps the text as imported).
 * `hamta` is what Hamta gives; where it differs from the other project's expectation, `note`
 * says whether that is a defect left open or a deliberate difference of style.
 */

const Z = '\u200c'

export interface SegmentCase {
  project: string
  text: string
  expected: string[]
}

/** Sentence splitting: every case is in scope and Hamta agrees with each. */
export const SEGMENT_CASES: SegmentCase[] = [
  { project: 'hazm', text: 'جدا کردن ساده است. تقریبا البته!', expected: ['جدا کردن ساده است.', 'تقریبا البته!'] },
  {
    project: 'pySBD',
    text: 'خوشبختم، آقای رضا. شما کجایی هستید؟ من از تهران هستم.',
    expected: ['خوشبختم، آقای رضا.', 'شما کجایی هستید؟', 'من از تهران هستم.']
  },
  { project: 'shekar', text: 'زنده باد ایران!', expected: ['زنده باد ایران!'] },
  { project: 'shekar', text: `چه سیب${Z}های قشنگی! حیات نشئه تنهایی است.`, expected: [`چه سیب${Z}های قشنگی!`, 'حیات نشئه تنهایی است.'] },
  { project: 'shekar', text: `چه سیب${Z}های قشنگی!      حیات نشئه تنهایی است. `, expected: [`چه سیب${Z}های قشنگی!`, 'حیات نشئه تنهایی است.'] },
  { project: 'shekar', text: 'ما چه کردیم؟ و چه خواهیم کرد در این فرصت کم!؟', expected: ['ما چه کردیم؟', 'و چه خواهیم کرد در این فرصت کم!؟'] },
  { project: 'shekar', text: `او گفت: «من فردا به خانه می${Z}روم.»`, expected: [`او گفت: «من فردا به خانه می${Z}روم.»`] }
]

export interface SpellingCase {
  project: string
  input: string
  /** The other project's expected output. */
  expected: string
  /** What Hamta's cleanup gives with every proposal accepted. */
  hamta: string
  note?: string
}

/** ZWNJ and spacing: in scope. */
export const SPELLING_CASES: SpellingCase[] = [
  { project: 'hazm', input: 'جمعهها مطالعه کنید', expected: `جمعه${Z}ها مطالعه کنید`, hamta: `جمعه${Z}ها مطالعه کنید` },
  { project: 'hazm', input: 'نمیدانم چه میگفت', expected: `نمی${Z}دانم چه می${Z}گفت`, hamta: `نمی${Z}دانم چه می${Z}گفت` },
  { project: 'hazm', input: 'میز', expected: 'میز', hamta: 'میز' },
  { project: 'hazm', input: 'میانه', expected: 'میانه', hamta: 'میانه' },
  { project: 'hazm', input: 'ماهان', expected: 'ماهان', hamta: 'ماهان' },
  { project: 'hazm', input: 'کتاب ها', expected: `کتاب${Z}ها`, hamta: `کتاب${Z}ها` },
  { project: 'hazm', input: 'کتاب های', expected: `کتاب${Z}های`, hamta: `کتاب${Z}های` },
  { project: 'hazm', input: 'کتاب هایی', expected: `کتاب${Z}هایی`, hamta: `کتاب${Z}هایی` },
  { project: 'hazm', input: 'او می رود', expected: `او می${Z}رود`, hamta: `او می${Z}رود` },
  { project: 'hazm', input: 'ماه می سال جدید', expected: 'ماه می سال جدید', hamta: 'ماه می سال جدید' },
  {
    project: 'hazm',
    input: 'اخلال گر',
    expected: `اخلال${Z}گر`,
    hamta: 'اخلال گر',
    note: 'deliberate: گر stands alone too, and a pair of words is left as written unless a half cannot stand alone'
  },
  {
    project: 'hazm',
    input: 'زمین لرزه ای',
    expected: `زمین${Z}لرزه${Z}ای`,
    hamta: `زمین لرزه${Z}ای`,
    note: 'deliberate: زمین لرزه is left as written (both halves are words); the suffix is joined'
  },
  { project: 'shekar', input: 'کتاب ها روی میز است', expected: `کتاب${Z}ها روی میز است`, hamta: `کتاب${Z}ها روی میز است` },
  { project: 'shekar', input: 'بزرگ تر از من است', expected: `بزرگ${Z}تر از من است`, hamta: `بزرگ${Z}تر از من است` },
  { project: 'shekar', input: 'کتاب هایش را برد', expected: `کتاب${Z}هایش را برد`, hamta: `کتاب${Z}هایش را برد` },
  { project: 'shekar', input: 'خانه ام بزرگ است', expected: `خانه${Z}ام بزرگ است`, hamta: `خانه${Z}ام بزرگ است` },
  { project: 'shekar', input: 'کتابهایش را برد', expected: `کتاب${Z}هایش را برد`, hamta: `کتاب${Z}هایش را برد` },
  {
    project: 'shekar',
    input: 'آدمهایی که کتابهایشان را دوست دارند',
    expected: `آدم${Z}هایی که کتاب${Z}هایشان را دوست دارند`,
    hamta: `آدم${Z}هایی که کتاب${Z}هایشان را دوست دارند`
  },
  {
    project: 'shekar',
    input: 'قشنگترین زبان دنیا فارسی است',
    expected: `قشنگ${Z}ترین زبان دنیا فارسی است`,
    hamta: `قشنگ${Z}ترین زبان دنیا فارسی است`
  },
  {
    project: 'shekar',
    input: 'او یک کار آفرین نمونه است.',
    expected: 'او یک کارآفرین نمونه است.',
    hamta: 'او یک کار آفرین نمونه است.',
    note: 'deliberate: both halves are words, so the phrase is left as written rather than risk joining a real phrase'
  },
  {
    project: 'shekar',
    input: 'اظهار نامه مالیاتی را پر کنید',
    expected: 'اظهارنامه مالیاتی را پر کنید',
    hamta: 'اظهار نامه مالیاتی را پر کنید',
    note: 'deliberate: as above (نامه stands alone)'
  },
  {
    project: 'shekar',
    input: 'دیدن آن صحنه منزجر کننده بود!',
    expected: 'دیدن آن صحنه منزجرکننده بود!',
    hamta: 'دیدن آن صحنه منزجر کننده بود!',
    note: 'defect left open: the lexicon does not list منزجرکننده, and only listed compounds are joined'
  },
  { project: 'virastar', input: 'ما می توانیم', expected: `ما می${Z}توانیم`, hamta: `ما می${Z}توانیم` },
  { project: 'virastar', input: 'ما نمی توانیم', expected: `ما نمی${Z}توانیم`, hamta: `ما نمی${Z}توانیم` },
  { project: 'virastar', input: 'این بهترین کتاب ها است', expected: `این بهترین کتاب${Z}ها است`, hamta: `این بهترین کتاب${Z}ها است` },
  {
    project: 'virastar',
    input: 'بزرگ تری و قدرتمند ترین زبان های دنیا',
    expected: `بزرگ${Z}تری و قدرتمندترین زبان${Z}های دنیا`,
    hamta: `بزرگ${Z}تری و قدرتمندترین زبان${Z}های دنیا`
  },
  {
    project: 'virastar',
    input: 'و من هم به خاطر جلب اعتماد او پذیرفته ام.',
    expected: `و من هم به خاطر جلب اعتماد او پذیرفته${Z}ام.`,
    hamta: `و من هم به خاطر جلب اعتماد او پذیرفته${Z}ام.`
  },
  {
    project: 'virastar',
    input: 'عرضم این است که ما در بیداری نیز خود را فریب می دهیم و به شکم چرانی مان صبغه فرهیختگی می زنیم.',
    expected: `عرضم این است که ما در بیداری نیز خود را فریب می${Z}دهیم و به شکم چرانی${Z}مان صبغه فرهیختگی می${Z}زنیم.`,
    hamta: `عرضم این است که ما در بیداری نیز خود را فریب می${Z}دهیم و به شکم چرانی مان صبغه فرهیختگی می${Z}زنیم.`,
    note: 'defect left open: a possessive ending written apart (چرانی مان) is not joined'
  },
  {
    project: 'virastar',
    input: 'به خواب های تان دقت کنید.',
    expected: `به خواب${Z}های${Z}تان دقت کنید.`,
    hamta: `به خواب${Z}های تان دقت کنید.`,
    note: 'defect left open: as above (های تان)'
  }
]

/**
 * Out of scope (Hamta proposes no such change and keeps the text as imported): hazm's
 * punctuation spacing (`اعلام کرد :` → `اعلام کرد:`), digits (`ساعت 18` → `ساعت ۱۸`, `10.450` →
 * `10٫450`), diacritic removal (`حَذفِ اِعراب`), repeated letters (`سلاممم`), quote style
 * (`"نقلقول"` → `«نقلقول»`), `﷽` expansion; shekar's and virastar's punctuation and bracket
 * spacing. Parsivar's repository ships no test suite to take cases from.
 */
export const OUT_OF_SCOPE_NOTE = true
