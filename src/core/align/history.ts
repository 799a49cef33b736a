/**
 * Undo and redo as a pure value: `past` holds earlier states (oldest first), `future` the states
 * undone (next first). Every operation returns a new history and leaves its input untouched.
 */
export interface History<T> {
  past: T[]
  present: T
  future: T[]
}

/** Past states kept by default; the oldest are forgotten beyond it. */
export const DEFAULT_HISTORY_LIMIT = 200

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [] }
}

/** Records a new present state. Committing the same value again records nothing; redo is cleared. */
export function commit<T>(history: History<T>, next: T, limit: number = DEFAULT_HISTORY_LIMIT): History<T> {
  if (next === history.present) return history
  const past = [...history.past, history.present]
  return { past: past.length > limit ? past.slice(past.length - limit) : past, present: next, future: [] }
}

/** Applies an edit to the present state and records the result. */
export function apply<T>(history: History<T>, edit: (present: T) => T, limit?: number): History<T> {
  return commit(history, edit(history.present), limit)
}

export function canUndo<T>(history: History<T>): boolean {
  return history.past.length > 0
}

export function canRedo<T>(history: History<T>): boolean {
  return history.future.length > 0
}

/** Steps back one state; with nothing to undo, returns the history unchanged. */
export function undo<T>(history: History<T>): History<T> {
  if (history.past.length === 0) return history
  return {
    past: history.past.slice(0, -1),
    present: history.past[history.past.length - 1],
    future: [history.present, ...history.future]
  }
}

/** Steps forward one undone state; with nothing to redo, returns the history unchanged. */
export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history
  return {
    past: [...history.past, history.present],
    present: history.future[0],
    future: history.future.slice(1)
  }
}
