/**
 * Text a person typed, made safe to show in an Adaptive Card TextBlock: Teams renders a subset
 * of Markdown there, so every character that could start a link, emphasis, code or a heading
 * is backslash-escaped, as are list markers at the start of a line; and the text is cut to a
 * length a card can carry.
 */
export function escapeCardText(text: string, max = 4000): string {
  const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return cut
    .replace(/[\\`*_{}[\]()#|~<>!]/g, (c) => `\\${c}`)
    .replace(/^(\s*)([-+]|\d+\.)(?=\s)/gm, (_m, space: string, marker: string) => `${space}${marker.replace(/[-+.]$/, (c) => `\\${c}`)}`);
}

/**
 * An https link made safe as a Markdown link target: every character that could end the link
 * or start another (brackets, parentheses, angle brackets, spaces) is percent-encoded.
 * encodeURIComponent leaves ( ) alone, so it cannot be used for this.
 */
export function markdownLinkTarget(url: string): string {
  return new URL(url).href.replace(/[()[\]<> "']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}
