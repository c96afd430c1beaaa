// Marks each thread's current line in that thread's colour: a tinted line
// background plus a badge with the thread names at the end of the line.
import { RangeSetBuilder, StateEffect, StateField, type Extension } from "@codemirror/state";
import { Decoration, EditorView, WidgetType, type DecorationSet } from "@codemirror/view";

export interface ThreadLineMark {
  readonly line: number;
  readonly threads: readonly { name: string; color: string; text: string; state: string }[];
}

export const setThreadLines = StateEffect.define<readonly ThreadLineMark[]>();

class ThreadBadge extends WidgetType {
  constructor(readonly threads: ThreadLineMark["threads"]) {
    super();
  }
  override eq(other: ThreadBadge): boolean {
    return other.threads.map((t) => t.name + t.state).join() === this.threads.map((t) => t.name + t.state).join();
  }
  toDOM(): HTMLElement {
    const wrap = document.createElement("span");
    wrap.className = "ksl-cm-badges";
    wrap.setAttribute("aria-hidden", "true");
    for (const thread of this.threads) {
      const badge = document.createElement("span");
      badge.className = "ksl-cm-badge";
      badge.style.setProperty("--ksl-thread", thread.color);
      badge.style.color = thread.text;
      badge.textContent = `◀ ${thread.name}`;
      badge.title = `${thread.name} (${thread.state}) is on this line`;
      badge.dataset.thread = thread.name;
      wrap.appendChild(badge);
    }
    return wrap;
  }
  override ignoreEvent(): boolean {
    return true;
  }
}

function build(view: { state: EditorView["state"] }, marks: readonly ThreadLineMark[]): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  const doc = view.state.doc;
  for (const mark of [...marks].sort((a, b) => a.line - b.line)) {
    if (mark.line < 1 || mark.line > doc.lines || mark.threads.length === 0) continue;
    const line = doc.line(mark.line);
    const first = mark.threads[0]!;
    builder.add(
      line.from,
      line.from,
      Decoration.line({
        class: "ksl-cm-thread-line",
        attributes: {
          style: `--ksl-thread: ${first.color}`,
          "data-thread-line": mark.threads.map((t) => t.name).join(" "),
        },
      }),
    );
    builder.add(line.to, line.to, Decoration.widget({ widget: new ThreadBadge(mark.threads), side: 1 }));
  }
  return builder.finish();
}

export function threadLines(): Extension {
  const field = StateField.define<{ marks: readonly ThreadLineMark[]; decorations: DecorationSet }>({
    create: () => ({ marks: [], decorations: Decoration.none }),
    update(value, tr) {
      let marks = value.marks;
      for (const effect of tr.effects) if (effect.is(setThreadLines)) marks = effect.value;
      if (marks === value.marks && !tr.docChanged) return value;
      return { marks, decorations: build(tr, marks) };
    },
    provide: (f) => EditorView.decorations.from(f, (v) => v.decorations),
  });
  return field;
}
