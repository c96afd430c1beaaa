// Small pieces every page of the app repeats: the header's "?" button that
// opens the keyboard shortcuts, and a warning banner the reader can dismiss.

export function HelpButton({ onClick, testId }: { readonly onClick: () => void; readonly testId?: string }) {
  return (
    <button
      type="button"
      className="ksl-btn ksl-btn--icon"
      onClick={onClick}
      aria-label="Keyboard shortcuts"
      title="Keyboard shortcuts (?)"
      data-testid={testId}
    >
      ?
    </button>
  );
}

export interface NoticeProps {
  /** Nothing is shown while it is null. */
  readonly text: string | null;
  /** Omitted: the notice stays (it describes something still true). */
  readonly onDismiss?: () => void;
  readonly testId: string;
}

/** A warning the page could not avoid (damaged saved data, an unknown scenario name), read out as an alert. */
export function Notice({ text, onDismiss, testId }: NoticeProps) {
  if (text === null) return null;
  return (
    <p className="ksl-banner ksl-banner--warn" role="alert" data-testid={testId}>
      {text}{" "}
      {onDismiss && (
        <button type="button" className="ksl-linkbtn" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </p>
  );
}
