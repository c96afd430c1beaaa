// Showing a freshly made link: it is copied to the clipboard where the browser
// allows (not in every iframe, nor on plain http) and always shown in a field
// the user can select. The Share button, the side-by-side page's Share and a
// challenge's "Share my solution" all present their links this way. The
// dialog's styles are share.css, imported by the pages that show it.
import { useState } from "react";

export interface CopiedLink {
  /** The link on show, or null. */
  readonly link: string | null;
  /** The clipboard took it. */
  readonly copied: boolean;
  show(url: string): Promise<void>;
  close(): void;
}

export function useCopiedLink(): CopiedLink {
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  return {
    link,
    copied,
    async show(url: string) {
      setLink(url);
      setCopied(false);
      try {
        await navigator.clipboard.writeText(url);
        setCopied(true);
      } catch {
        // No clipboard permission: the field is selectable.
      }
    },
    close: () => setLink(null),
  };
}

export interface SharePanelProps {
  readonly shown: CopiedLink;
  /** What the link opens, e.g. "this step". */
  readonly what: string;
  readonly urlTestId: string;
  readonly panelTestId?: string;
}

/** The link on show in a small dialog below its button (nothing when none is): length, whether it was copied, the field, Close (or Escape). */
export function SharePanel({ shown, what, urlTestId, panelTestId }: SharePanelProps) {
  if (shown.link === null) return null;
  return (
    <div
      className="ksl-share"
      role="dialog"
      aria-label="Share link"
      data-testid={panelTestId}
      onKeyDown={(e) => {
        if (e.key === "Escape") shown.close();
      }}
    >
      <label className="ksl-share__label">
        <span>
          Link to {what} ({shown.link.length.toLocaleString("en-US")} characters){shown.copied ? " — copied" : ""}
        </span>
        <input
          className="ksl-share__url"
          readOnly
          value={shown.link}
          onFocus={(e) => e.currentTarget.select()}
          data-testid={urlTestId}
        />
      </label>
      <button type="button" className="ksl-linkbtn" onClick={shown.close}>
        Close
      </button>
    </div>
  );
}
