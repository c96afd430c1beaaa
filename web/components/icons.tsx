// Small inline icons (no icon font, so nothing depends on the page's fonts).
const PATHS = {
  reset: "M4 3v10M13 3L6 8l7 5z",
  back: "M12 3L5 8l7 5z",
  step: "M4 3l7 5-7 5z",
  run: "M2 3l6 5-6 5zM8 3l6 5-6 5z",
  pause: "M4 3h3v10H4zM9 3h3v10H9z",
} as const;

export function Icon({ name }: { readonly name: keyof typeof PATHS }) {
  return (
    <svg className="ksl-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path
        d={PATHS[name]}
        fill="currentColor"
        stroke="currentColor"
        strokeWidth={name === "reset" ? 1.6 : 0}
        strokeLinejoin="round"
      />
    </svg>
  );
}
