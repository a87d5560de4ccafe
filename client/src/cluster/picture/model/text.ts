/** The tree's Markdown tooltips as the plain lines the picture's hover card shows. */
export function plainText(markdown: string): string {
  return markdown.replace(/\*\*/g, '').replace(/`/g, '').replace(/\n\n/g, '\n');
}

/** "1 endpoint", "3 endpoints". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
