// Constructable stylesheets for a widget's shadow root (or the embed page's
// document). No <style> element and no inline style attribute, so a strict
// style-src CSP has nothing to block; one sheet per theme is shared by every
// widget on the page. A forced theme rewrites the parsed sheet: the app's
// `@media (prefers-color-scheme: dark)` blocks are unwrapped (dark) or
// dropped (light), so the palette stays defined once, in styles.css.
export type EmbedTheme = "light" | "dark" | "auto";

const cache = new Map<string, CSSStyleSheet>();

function forceScheme(sheet: CSSStyleSheet, theme: Exclude<EmbedTheme, "auto">): void {
  for (let i = sheet.cssRules.length - 1; i >= 0; i--) {
    const rule = sheet.cssRules[i];
    if (!(rule instanceof CSSMediaRule)) continue;
    const media = rule.media.mediaText.replace(/\s+/g, "");
    const scheme = /prefers-color-scheme:(dark|light)/.exec(media)?.[1];
    if (!scheme || media !== `(prefers-color-scheme:${scheme})`) continue;
    const inner = Array.from(rule.cssRules, (r) => r.cssText);
    sheet.deleteRule(i);
    if (scheme === theme) inner.reverse().forEach((text) => sheet.insertRule(text, i));
  }
}

/** The stylesheet for `cssText` in `theme`, built once per page. */
export function themedSheet(cssText: string, theme: EmbedTheme, key: string): CSSStyleSheet {
  const id = `${key}:${theme}`;
  let sheet = cache.get(id);
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(cssText);
    if (theme !== "auto") forceScheme(sheet, theme);
    cache.set(id, sheet);
  }
  return sheet;
}
