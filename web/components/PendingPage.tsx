// The page while a chunk it needs is on its way, or the sentence saying why it
// did not arrive (an alert, so a screen reader says it).
export function PendingPage({ failure, loading }: { readonly failure: string | null; readonly loading: string }) {
  return (
    <div className="ksl-root">
      <p className={failure ? "ksl-banner ksl-banner--error" : "ksl-banner"} role={failure ? "alert" : "status"}>
        {failure ?? loading}
      </p>
    </div>
  );
}
