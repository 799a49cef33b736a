/** Tags, comments and the review workflow: pure functions from one document to the next. */
export * from './palette'
export * from './spans'
export * from './comments'
export * from './filters'
export * from './overview'
