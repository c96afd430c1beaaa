// Thread colours: one hue per thread, used in the editor line marks, thread
// rows, the timeline and the wait-for graph. Chosen to stay distinct for the
// common colour-vision deficiencies at the first 8 entries (Okabe–Ito-like),
// then cycling with a lightness shift.
const BASE = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8c6bb1", "#b8860b"];

export function threadColor(index: number): string {
  const base = BASE[index % BASE.length] ?? "#0072b2";
  return index < BASE.length ? base : shade(base, index % 2 === 0 ? -0.25 : 0.2);
}

function shade(hex: string, amount: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const channel = (shift: number) => {
    const c = (n >> shift) & 0xff;
    const v = amount < 0 ? c * (1 + amount) : c + (255 - c) * amount;
    return Math.round(v).toString(16).padStart(2, "0");
  };
  return `#${channel(16)}${channel(8)}${channel(0)}`;
}

/** Black or white, whichever reads better on the thread's colour (WCAG relative luminance). */
export function threadTextColor(index: number): string {
  const hex = threadColor(index);
  const n = Number.parseInt(hex.slice(1), 16);
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * lin((n >> 16) & 0xff) + 0.7152 * lin((n >> 8) & 0xff) + 0.0722 * lin(n & 0xff);
  // Contrast with white is 1.05 / (l + 0.05); with black (l + 0.05) / 0.05.
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? "#ffffff" : "#000000";
}
