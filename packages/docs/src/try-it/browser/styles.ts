/** The panels' styles, added once by the script. Colours follow Redoc's light and dark modes (the class on <html>). */
export const STYLES = `
.or-try { --or-bg: #f8fafc; --or-fg: #1e293b; --or-muted: #475569; --or-border: #cbd5e1; --or-input: #fff; --or-accent: #0b5fff; --or-ok: #047857; --or-bad: #b91c1c;
  margin: 0 0 2rem; padding: 1rem 1.25rem; border: 1px solid var(--or-border); border-radius: 10px; background: var(--or-bg); color: var(--or-fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; max-width: 100%; box-sizing: border-box; }
:root.dark .or-try { --or-bg: #111827; --or-fg: #e5e7eb; --or-muted: #9ca3af; --or-border: #374151; --or-input: #1f2937; --or-accent: #60a5fa; --or-ok: #34d399; --or-bad: #f87171; }
.or-try h3 { margin: 0 0 0.5rem; font-size: 1.05rem; }
.or-try fieldset { border: 1px solid var(--or-border); border-radius: 8px; margin: 0 0 0.75rem; padding: 0.5rem 0.75rem 0.6rem; min-width: 0; }
.or-try legend { padding: 0 0.3rem; font-weight: 600; color: var(--or-muted); }
.or-try-field { display: grid; grid-template-columns: minmax(9rem, 14rem) 1fr; gap: 0.2rem 0.75rem; align-items: center; margin: 0.3rem 0; }
.or-try-field small { grid-column: 2; color: var(--or-muted); }
.or-try input, .or-try select, .or-try textarea { box-sizing: border-box; width: 100%; padding: 0.35rem 0.5rem; border: 1px solid var(--or-border); border-radius: 6px;
  background: var(--or-input); color: var(--or-fg); font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.or-try textarea { grid-column: 1 / -1; resize: vertical; }
.or-try :focus-visible { outline: 2px solid var(--or-accent); outline-offset: 2px; }
.or-try-send { padding: 0.5rem 1rem; border: 0; border-radius: 6px; background: var(--or-accent); color: #fff; font: 600 14px system-ui, sans-serif; cursor: pointer; }
:root.dark .or-try-send { color: #0b1220; }
.or-try-forget { margin-top: 0.3rem; padding: 0.25rem 0.6rem; border: 1px solid var(--or-border); border-radius: 6px; background: transparent; color: var(--or-fg); font: 13px system-ui, sans-serif; cursor: pointer; }
.or-try-send:disabled { opacity: 0.6; cursor: progress; }
.or-try-where, .or-try-note, .or-try-caption, .or-try-notes { color: var(--or-muted); margin: 0.3rem 0; }
.or-try-caption { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; word-break: break-all; }
.or-try-status { font-size: 1.1rem; font-weight: 700; margin: 0.4rem 0; }
.or-try-status[data-kind="ok"] { color: var(--or-ok); }
.or-try-status[data-kind="client"], .or-try-status[data-kind="server"] { color: var(--or-bad); }
.or-try-time { font-weight: 400; color: var(--or-muted); font-size: 0.9rem; }
.or-try-verdict p { margin: 0.2rem 0; font-weight: 600; }
.or-try-verdict[data-verdict="match"] { color: var(--or-ok); }
.or-try-verdict[data-verdict="mismatch"] { color: var(--or-bad); }
.or-try pre { margin: 0.4rem 0; padding: 0.6rem 0.75rem; max-height: 24rem; overflow: auto; border-radius: 6px; background: #0f172a; color: #e2e8f0;
  font: 12px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-word; }
.or-try-error { color: var(--or-bad); font-weight: 600; }
`;
