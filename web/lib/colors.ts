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
