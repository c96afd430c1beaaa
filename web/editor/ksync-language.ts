// .ksync highlighting: the compiler's own token classifier wrapped as a
// CodeMirror StreamLanguage, so the editor and the parser never disagree on
// what a routine name or an IRQL is.
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from "@codemirror/language";
import { tags as t } from "@lezer/highlight";
import { ksyncStreamParser } from "../../core-wasm/lang";

export const ksyncLanguage = StreamLanguage.define(ksyncStreamParser);

/** Colours come from CSS variables, so light and dark themes need no second style. */
export const ksyncHighlight = syntaxHighlighting(
  HighlightStyle.define([
    { tag: t.keyword, color: "var(--ksl-syn-keyword)", fontWeight: "600" },
    { tag: t.function(t.variableName), color: "var(--ksl-syn-routine)" },
    { tag: t.typeName, color: "var(--ksl-syn-type)", fontWeight: "600" },
    { tag: t.atom, color: "var(--ksl-syn-irql)" },
    { tag: t.constant(t.variableName), color: "var(--ksl-syn-constant)" },
    { tag: t.meta, color: "var(--ksl-syn-directive)" },
    { tag: t.number, color: "var(--ksl-syn-number)" },
    { tag: t.string, color: "var(--ksl-syn-string)" },
    { tag: t.comment, color: "var(--ksl-syn-comment)", fontStyle: "italic" },
    { tag: t.invalid, color: "var(--ksl-alarm)", textDecoration: "underline wavy" },
  ]),
);
