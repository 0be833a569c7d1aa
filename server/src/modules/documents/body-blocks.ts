/**
 * The document body format, shared by the exporters and the web editor's preview: `# ` a section
 * heading, `## ` a subheading, `- ` (or `* `) a bullet; other lines form paragraphs, which blank
 * lines separate and within which line breaks are kept.
 */
export type BodyBlock = { type: 'heading'; level: 1 | 2; text: string } | { type: 'bullet'; text: string } | { type: 'paragraph'; lines: string[] };

export function parseBody(body: string): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  let paragraph: string[] | null = null;
  const close = () => {
    if (paragraph?.length) blocks.push({ type: 'paragraph', lines: paragraph });
    paragraph = null;
  };
  for (const raw of body.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trimEnd();
    const heading = /^(#{1,2})\s+(.*)$/.exec(line.trimStart());
    const bullet = /^\s*[-*•]\s+(.*)$/.exec(line);
    if (!line.trim()) close();
    else if (heading) {
      close();
      blocks.push({ type: 'heading', level: heading[1].length as 1 | 2, text: heading[2].trim() });
    } else if (bullet) {
      close();
      blocks.push({ type: 'bullet', text: bullet[1].trim() });
    } else (paragraph ??= []).push(line.trim());
  }
  close();
  return blocks;
}
