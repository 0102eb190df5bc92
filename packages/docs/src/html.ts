const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "{": "&#123;", "}": "&#125;" };

/** Escapes text for HTML (braces too, so the text is inert in a Handlebars template). */
export const escapeHtml = (text: string): string => text.replace(/[&<>"'{}]/g, (c) => ENTITIES[c] ?? c);

/** Escapes text and renders its `code` spans. */
export const inlineHtml = (text: string): string => escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
