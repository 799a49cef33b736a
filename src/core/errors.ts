/**
 * An error caused by what the user gave us (a file, an argument), with a message written for
 * them. Services throw it; the app shows the message and the command line prints it on one line.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: string = 'invalid-input'
  ) {
    super(message)
    this.name = 'UserError'
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof Error && error.name === 'UserError'
}
