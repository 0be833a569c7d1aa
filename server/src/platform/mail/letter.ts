/** One letter in both forms every mail client understands. */
export interface Letter {
  subject: string;
  text: string;
  html: string;
}

export interface LetterContent {
  subject: string;
  /** «Здравствуйте, Мария Петровна!» — the greeting line; omitted when the name is unknown. */
  greeting?: string;
  paragraphs: string[];
  /** A list after the paragraphs, each entry with its own link: the notifications of a daily digest. */
  items?: { title: string; detail?: string; url?: string }[];
  /** The one thing the reader should do: a button in HTML, a bare link in text. */
  action?: { label: string; url: string };
  /** Small print under the action: why the letter came, how long the link works. */
  footnote?: string;
  /**
   * A QR code to show (a ticket at the door): its dark modules, drawn as a table — mail clients block images and
   * data URIs, not tables — and the caption under it (the code to tell when the camera cannot read it).
   */
  qr?: { modules: boolean[][]; caption: string };
}

/**
 * A QR code as a table of 4-pixel cells with a quiet zone, in markup every mail client renders; runs of one colour in
 * a row are one cell (colspan), which keeps a ticket's letter far below the size at which Gmail cuts a message.
 */
export function qrTable(modules: boolean[][]): string {
  const quiet = 4;
  const size = modules.length + 2 * quiet;
  const light = Array.from({ length: quiet }, () => false);
  const row = (cells: boolean[]) => {
    let html = '';
    for (let i = 0; i < cells.length; ) {
      let n = 1;
      while (i + n < cells.length && cells[i + n] === cells[i]) n++;
      html += `<td${n > 1 ? ` colspan="${n}"` : ''} width="${4 * n}" height="4" bgcolor="${cells[i] ? '#000000' : '#ffffff'}"></td>`;
      i += n;
    }
    return `<tr>${html}</tr>`;
  };
  const blank = Array.from({ length: quiet }, () => row(Array.from({ length: size }, () => false))).join('');
  const rows = modules.map((cells) => row([...light, ...cells, ...light])).join('');
  return `<table role="img" aria-label="QR" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;margin:16px auto;line-height:0;font-size:0">${blank}${rows}${blank}</table>`;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const SIGNATURE = 'Платформа «Орбита» — сетевое взаимодействие образовательных организаций';

/** Renders a letter from plain content: every template of every module goes through this one layout. */
export function composeLetter(content: LetterContent): Letter {
  const text = [
    content.greeting,
    ...content.paragraphs,
    ...(content.items ?? []).map((item) => ['— ' + item.title, item.detail, item.url].filter(Boolean).join('\n  ')),
    content.qr?.caption,
    content.action ? `${content.action.label}: ${content.action.url}` : undefined,
    content.footnote,
    `—\n${SIGNATURE}`,
  ]
    .filter((part): part is string => !!part)
    .join('\n\n');
  const html = `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f6f8;font-family:Arial,Helvetica,sans-serif;color:#1a1b1e;font-size:16px;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:8px;padding:24px">
${content.greeting ? `<p>${escapeHtml(content.greeting)}</p>\n` : ''}${content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}${
  content.items?.length
    ? `\n<ul style="padding-left:20px">${content.items
        .map(
          (item) =>
            `<li style="margin-bottom:12px">${item.url ? `<a href="${escapeHtml(item.url)}" style="color:#1864ab">${escapeHtml(item.title)}</a>` : escapeHtml(item.title)}${
              item.detail ? `<br><span style="color:#555">${escapeHtml(item.detail)}</span>` : ''
            }</li>`,
        )
        .join('')}</ul>`
    : ''
}${content.qr ? `\n${qrTable(content.qr.modules)}\n<p style="text-align:center;font-size:18px;letter-spacing:2px"><strong>${escapeHtml(content.qr.caption)}</strong></p>` : ''}
${
  content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#1864ab;color:#fff;text-decoration:none;padding:12px 20px;border-radius:6px;display:inline-block">${escapeHtml(content.action.label)}</a></p>
<p style="font-size:13px;color:#555">Если кнопка не открывается, скопируйте адрес в браузер: ${escapeHtml(content.action.url)}</p>`
    : ''
}${content.footnote ? `\n<p style="font-size:13px;color:#555">${escapeHtml(content.footnote)}</p>` : ''}
<p style="font-size:13px;color:#777;border-top:1px solid #eee;padding-top:12px">${SIGNATURE}</p>
</div></body></html>`;
  return { subject: content.subject, text, html };
}
