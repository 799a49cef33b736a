import * as RadixDialog from '@radix-ui/react-dialog'
import { useState } from 'react'

interface DialogProps {
  label: string
  /** Closing by the backdrop or Escape is refused while the dialog is busy. */
  busy?: boolean
  onCancel: () => void
  /** Enter or the submit button; without it the dialog is not a form (it may hold forms of its own). */
  onSubmit?: () => void
  className?: string
  children: React.ReactNode
}

/**
 * A modal form over the page, on Radix's dialog: it takes focus and keeps it inside, Escape and
 * its backdrop cancel it, focus goes back where it was when it closes; Enter or its button submits.
 */
export function Dialog({ label, busy = false, onCancel, onSubmit, className, children }: DialogProps): React.JSX.Element {
  // Dialogs here open from any button or key, not from a Radix trigger: focus goes back to
  // whatever had it when the dialog opened (Radix would look for its trigger).
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null))
  return (
    <RadixDialog.Root open onOpenChange={(open) => !open && !busy && onCancel()}>
      <RadixDialog.Portal>
        {/* The content sits inside the overlay, which centres it and scrolls a tall dialog. */}
        <RadixDialog.Overlay className="dialog-backdrop">
          <RadixDialog.Content
            className={`dialog${className ? ` ${className}` : ''}`}
            aria-describedby={undefined}
            onEscapeKeyDown={(event) => busy && event.preventDefault()}
            onPointerDownOutside={(event) => busy && event.preventDefault()}
            onCloseAutoFocus={(event) => {
              event.preventDefault()
              if (opener?.isConnected) opener.focus()
            }}
          >
            <RadixDialog.Title className="visually-hidden">{label}</RadixDialog.Title>
            {onSubmit ? (
              <form
                className="dialog-form"
                onSubmit={(event) => {
                  event.preventDefault()
                  onSubmit()
                }}
              >
                {children}
              </form>
            ) : (
              <div className="dialog-form">{children}</div>
            )}
          </RadixDialog.Content>
        </RadixDialog.Overlay>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  )
}
