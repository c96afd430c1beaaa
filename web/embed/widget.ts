// The one script a documentation page includes (dist/kernel-sync-lab.js, a
// classic script, so it also runs from file://): registers <kernel-sync-lab>
// and, on embed.html, fills the page with one widget driven by the URL.
import { bootEmbedPage } from "./embed-page";
import { defineKernelSyncLab, setDefaultAppUrl } from "./element";

const script = document.currentScript as HTMLScriptElement | null;
if (script?.src) setDefaultAppUrl(new URL("index.html", script.src).href);
defineKernelSyncLab();

if (document.querySelector('meta[name="ksl-embed-page"]')) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", bootEmbedPage, { once: true });
  else bootEmbedPage();
}
