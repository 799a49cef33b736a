interface DialogProps {
  label: string
  /** Closing by the backdrop or Escape is refused while the dialog is busy. */
  busy?: boolean
  onCancel: () => void
  onSubmit: () => void
  className?: string
  children: React.ReactNode
}

/** A modal form over the page: its backdrop and Escape cancel it, Enter or its button submits. */
export function Dialog({ label, busy = false, onCancel, onSubmit, className, children }: DialogProps): React.JSX.Element {
  return (
    <div className="dialog-backdrop" role="presentation" onClick={(event) => event.target === event.currentTarget && !busy && onCancel()}>
      <form
        className={`dialog${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        onSubmit={(event) => {
          event.preventDefault()
          onSubmit()
        }}
        onKeyDown={(event) => event.key === 'Escape' && !busy && onCancel()}
      >
        {children}
      </form>
    </div>
  )
}
