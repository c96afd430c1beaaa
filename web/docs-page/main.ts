// docs.html's own script: wires the host-API demo buttons to a
// <kernel-sync-lab> element and to an embed.html iframe, logs what they
// report, sizes the iframes from their resize events, and builds a live share
// link. (The widget itself comes from kernel-sync-lab.js, loaded before this.)
import { encodeSharedView } from "../share/share-link";
import type { KernelSyncLabElement } from "../embed/element";
import "./docs.css";

const MAX_LOG = 12;

function log(list: HTMLElement | null, text: string): void {
  if (!list) return;
  const item = document.createElement("li");
  item.textContent = text;
  list.prepend(item);
  while (list.children.length > MAX_LOG) list.lastElementChild?.remove();
}

function wireElement(): void {
  const lab = document.getElementById("demo-api") as KernelSyncLabElement | null;
  const list = document.getElementById("demo-api-log");
  if (!lab) return;
  for (const type of ["ready", "step", "deadlock", "bugcheck", "load-error"]) {
    lab.addEventListener(type, (event) => {
      const detail = (event as CustomEvent<{ state: { step: number; outcome: string | null }; message?: string }>)
        .detail;
      log(
        list,
        `${type}: step ${detail.state.step}${detail.state.outcome ? `, ${detail.state.outcome}` : ""}${detail.message ? ` — ${detail.message}` : ""}`,
      );
    });
  }
  const actions: Record<string, () => unknown> = {
    step: () => lab.step(),
    goto0: () => lab.goto(0),
    goto100: () => lab.goto(100),
    play: () => lab.play(),
    pause: () => lab.pause(),
    load: () => lab.load("wait-at-dispatch"),
  };
  for (const button of document.querySelectorAll<HTMLButtonElement>("[data-element-action]")) {
    button.addEventListener("click", () => {
      try {
        void actions[button.dataset.elementAction ?? ""]?.();
      } catch (err) {
        log(list, `error: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  }
}

function wireFrames(): void {
  const frame = document.getElementById("demo-frame-api") as HTMLIFrameElement | null;
  const list = document.getElementById("demo-frame-log");
  const widgetOrigin = new URL("embed.html", window.location.href).origin;
  let nextId = 1;
  const commands: Record<string, object> = {
    step: { command: "step" },
    goto0: { command: "goto", step: 0 },
    goto100: { command: "goto", step: 100 },
    play: { command: "play" },
    pause: { command: "pause" },
    bad: { command: "goto", step: "twelve" },
  };
  for (const button of document.querySelectorAll<HTMLButtonElement>("[data-frame-command]")) {
    button.addEventListener("click", () => {
      const message = { type: "ksl:command", id: nextId++, ...commands[button.dataset.frameCommand ?? ""] };
      log(list, `→ ${JSON.stringify(message)}`);
      // Over file:// the frame's origin is opaque and cannot be named; "*" is then the only target.
      frame?.contentWindow?.postMessage(message, widgetOrigin === "null" ? "*" : widgetOrigin);
    });
  }
  window.addEventListener("message", (event: MessageEvent) => {
    const data = event.data as { type?: string; event?: string; detail?: { height?: number } } | null;
    if (!data || typeof data.type !== "string" || !data.type.startsWith("ksl:")) return;
    const source = [...document.querySelectorAll<HTMLIFrameElement>("iframe.ksl-docs__frame")].find(
      (f) => f.contentWindow === event.source,
    );
    if (!source) return;
    if (data.type === "ksl:event" && data.event === "resize" && typeof data.detail?.height === "number") {
      source.height = String(Math.min(4000, Math.max(120, data.detail.height)));
      return;
    }
    if (source === frame) log(list, `← ${JSON.stringify(data).slice(0, 220)}`);
  });
}

async function buildShareLink(): Promise<void> {
  const link = document.getElementById("demo-share-link") as HTMLAnchorElement | null;
  const slot = document.getElementById("demo-share-slot");
  if (!link) return;
  const source = `#title "Forced schedule"
#scheduler manual
KGUARDED_MUTEX M;
thread A (priority = 9) { KeAcquireGuardedMutex(&M); Work(2); KeReleaseGuardedMutex(&M); }
thread B (priority = 8) { KeAcquireGuardedMutex(&M); Work(2); KeReleaseGuardedMutex(&M); }
`;
  const token = await encodeSharedView({
    source,
    fileName: "forced.ksync",
    scheduler: null,
    seed: null,
    schedule: ["B", "B", "A"],
    step: 3,
  });
  const url = new URL("index.html", window.location.href);
  url.hash = `ksl=${token}`;
  link.href = url.href;
  link.textContent = `index.html#ksl=${token.slice(0, 24)}… (${url.hash.length} characters after #)`;
  if (slot) {
    const lab = document.createElement("kernel-sync-lab");
    lab.setAttribute("share", token);
    lab.setAttribute("view", "compact");
    slot.append(lab);
  }
}

wireElement();
wireFrames();
void buildShareLink();
