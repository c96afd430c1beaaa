// The #description directive holds a paragraph that the page already shows
// above the editor; in the code it would wrap over a dozen lines and push the
// threads out of view. It is shown collapsed ("…") until the cursor enters
// that line, and expands for editing there. The text itself is never changed.
import { RangeSetBuilder, type EditorState, type Extension } from "@codemirror/state";
import { Decoration, EditorView, ViewPlugin, WidgetType, type DecorationSet, type ViewUpdate } from "@codemirror/view";

class Collapsed extends WidgetType {
  constructor(readonly preview: string) {
    super();
  }
  override eq(other: Collapsed): boolean {
    return other.preview === this.preview;
  }
  toDOM(): HTMLElement {
    const span = document.createElement("span");
    span.className = "ksl-cm-collapsed";
    span.textContent = `"${this.preview}…"`;
    span.title = "The description is shown above the editor; put the cursor on this line to edit it";
    return span;
  }
}

const PREVIEW = 48;

function collapse(state: EditorState): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  const cursorLines = new Set(state.selection.ranges.map((r) => state.doc.lineAt(r.head).number));
  for (let n = 1; n <= state.doc.lines; n++) {
    const line = state.doc.line(n);
    const match = /^(\s*#description\s+)"(.*)"\s*$/.exec(line.text);
    if (!match || cursorLines.has(n)) continue;
    const text = match[2] ?? "";
    if (text.length <= PREVIEW + 8) continue;
    const from = line.from + (match[1]?.length ?? 0);
    const to = from + text.length + 2;
    builder.add(from, to, Decoration.replace({ widget: new Collapsed(text.slice(0, PREVIEW).trimEnd()) }));
  }
  return builder.finish();
}

export function collapseDescription(): Extension {
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = collapse(view.state);
      }
      update(update: ViewUpdate) {
        if (update.docChanged || update.selectionSet) this.decorations = collapse(update.state);
      }
    },
    { decorations: (plugin) => plugin.decorations },
  );
}
