// embed.html: one <kernel-sync-lab> filling the page, configured by the URL
// (?scenario=abba-deadlock&step=12&view=compact&theme=dark&controls=0,
// ?mode=compare&left=...&right=... or &preset=..., or a share link's
// #ksl=...), driven by the host page through postMessage.
// Commands are accepted only from the parent window and, when `origin=` is
// given, only from those origins; replies go to the sender's origin only.
import type { KernelSyncLabElement } from "./element";
import { ELEMENT_NAME } from "./element";
import {
  EVENT,
  PROTOCOL_VERSION,
  parseAllowedOrigins,
  parseHostMessage,
  REPLY,
  type EventMessage,
  type HostCommand,
  type ReplyMessage,
} from "./messages";
import { shareTokenFromHash } from "../share/share-link";
import type { WidgetState } from "./controller";

const PASSED_PARAMETERS = [
  "scenario",
  "share",
  "challenge",
  "step",
  "view",
  "theme",
  "controls",
  "autoplay",
  "speed",
  "mode",
  "left",
  "right",
  "preset",
];
const FORWARDED_EVENTS = ["ready", "step", "deadlock", "bugcheck", "load-error"];

const pageSheet = `html, body { margin: 0; padding: 0; background: transparent; } body { overflow: hidden; }`;

async function run(element: KernelSyncLabElement, command: HostCommand): Promise<WidgetState | null> {
  switch (command.command) {
    case "load":
      return element.load(command.request);
    case "step":
      return element.step(command.count);
    case "goto":
      return element.goto(command.step);
    case "play":
      return element.play();
    case "pause":
      return element.pause();
    case "state":
      return element.state;
  }
}

export function bootEmbedPage(): void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(pageSheet);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];

  const params = new URLSearchParams(window.location.search);
  const element = document.createElement(ELEMENT_NAME);
  for (const name of PASSED_PARAMETERS) {
    const value = params.get(name);
    if (value !== null) element.setAttribute(name, value);
  }
  const hashToken = shareTokenFromHash(window.location.hash);
  if (hashToken !== null && !params.has("share")) element.setAttribute("share", hashToken);
  if (
    !element.hasAttribute("scenario") &&
    !element.hasAttribute("share") &&
    !element.hasAttribute("challenge") &&
    params.get("mode") !== "compare"
  )
    element.setAttribute("scenario", "abba-deadlock");
  element.setAttribute("app-url", new URL("index.html", window.location.href).href);

  // A host that changes the frame's hash to another share link (#ksl=...) gets that view, without a reload.
  window.addEventListener("hashchange", () => {
    const token = shareTokenFromHash(window.location.hash);
    if (token !== null && token !== element.getAttribute("share")) element.setAttribute("share", token);
  });

  const { origins: allowed, problems } = parseAllowedOrigins(params.get("origin"));
  for (const problem of problems) console.warn(`Kernel Sync Lab embed: ${problem}; commands from it are refused.`);
  document.body.append(element);

  const framed = window.parent !== window;
  // Events go to the parent only if it is on the allow-list (anywhere when there is none). Chromium and Safari
  // name the parent's origin (location.ancestorOrigins); elsewhere each allowed origin is tried and postMessage
  // delivers only to the one the parent is at.
  const parentOrigin = window.location.ancestorOrigins?.[0];
  const targets =
    allowed === null
      ? ["*"]
      : parentOrigin === undefined
        ? allowed
        : allowed.includes(parentOrigin)
          ? [parentOrigin]
          : [];
  const post = (message: EventMessage) => {
    if (!framed) return;
    for (const origin of targets) window.parent.postMessage(message, origin);
  };

  window.addEventListener("message", (event: MessageEvent) => {
    if (!framed || event.source !== window.parent) return;
    if (allowed !== null && !allowed.includes(event.origin)) return;
    const parsed = parseHostMessage(event.data);
    if (parsed.kind === "ignore") return;
    // A file:// host has the opaque origin "null", which postMessage cannot target; only then (and only when no origin list is set) reply to "*".
    const target = event.origin === "null" ? (allowed === null ? "*" : null) : event.origin;
    const reply = (message: ReplyMessage) => {
      if (target !== null) (event.source as Window).postMessage(message, target);
    };
    if (parsed.kind === "invalid") {
      reply({ type: REPLY, version: PROTOCOL_VERSION, id: parsed.id, ok: false, error: parsed.error });
      return;
    }
    run(element, parsed.command).then(
      (state) =>
        reply({ type: REPLY, version: PROTOCOL_VERSION, id: parsed.id, ok: true, ...(state ? { state } : {}) }),
      (err: unknown) =>
        reply({
          type: REPLY,
          version: PROTOCOL_VERSION,
          id: parsed.id,
          ok: false,
          error: err instanceof Error ? err.message : String(err),
        }),
    );
  });

  for (const name of FORWARDED_EVENTS) {
    element.addEventListener(name, (event) =>
      post({ type: EVENT, version: PROTOCOL_VERSION, event: name, detail: (event as CustomEvent).detail }),
    );
  }

  // Auto-resize: the host sets the iframe's height from these.
  let lastHeight = -1;
  const observer = new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== lastHeight) {
      lastHeight = height;
      post({ type: EVENT, version: PROTOCOL_VERSION, event: "resize", detail: { height } });
    }
  });
  observer.observe(element);
}
