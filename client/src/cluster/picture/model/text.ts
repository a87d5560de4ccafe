/** The tree's Markdown tooltips as the plain lines the picture's hover card shows. */
export function plainText(markdown: string): string {
  return markdown.replace(/\*\*/g, '').replace(/`/g, '').replace(/\n\n/g, '\n');
}
