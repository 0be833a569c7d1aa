import { absoluteUrl } from '../../platform/mail/links';
import { loadPdfMake, roboto } from '../../platform/pdf';
import type { CertificateRow } from './certificate-access';
import { printedCode } from './verification-code';

const months = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
const dayText = (iso: string) => `${Number(iso.slice(8, 10))} ${months[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)} г.`;

/** «12 марта 2026 г.» or «12–13 марта 2026 г.» or across months and years as needed. */
export function heldText(from: string, to: string): string {
  if (from === to) return dayText(from);
  if (from.slice(0, 7) === to.slice(0, 7)) return `${Number(from.slice(8, 10))}–${dayText(to)}`;
  if (from.slice(0, 4) === to.slice(0, 4)) return `${Number(from.slice(8, 10))} ${months[Number(from.slice(5, 7)) - 1]} – ${dayText(to)}`;
  return `${dayText(from)} – ${dayText(to)}`;
}

export const verificationUrl = (code: string) => absoluteUrl(`/certificates/verify/${printedCode(code)}`);

/** The certificate on one A4 landscape page: who, for what, when, who issued it, its number, and how to verify it (a link and its QR). */
export async function certificatePdf(c: CertificateRow, options: { compress?: boolean } = {}): Promise<Buffer> {
  const pdf = loadPdfMake();
  pdf.setFonts({ Roboto: roboto });
  const speaker = c.role === 'speaker';
  const url = verificationUrl(c.verificationCode);
  const definition = {
    compress: options.compress ?? true,
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [60, 50, 60, 40],
    info: { title: `Сертификат № ${c.number}`, author: c.issuerName, subject: c.title, creator: 'Орбита' },
    defaultStyle: { font: 'Roboto', fontSize: 12, alignment: 'center' },
    background: () => ({ canvas: [{ type: 'rect', x: 24, y: 24, w: 793.89, h: 547.28, lineWidth: 3, lineColor: '#1864ab' }] }),
    content: [
      { text: c.issuerName, fontSize: 11, color: '#444444', margin: [0, 10, 0, 28] },
      { text: 'СЕРТИФИКАТ', fontSize: 34, bold: true, color: '#1864ab', characterSpacing: 4 },
      { text: speaker ? 'спикера' : 'участника', fontSize: 16, margin: [0, 2, 0, 24] },
      { text: 'настоящим подтверждается, что', fontSize: 12, color: '#444444' },
      { text: c.recipientName, fontSize: 24, bold: true, margin: [0, 8, 0, 8] },
      { text: speaker ? 'выступил(а) с докладом на мероприятии' : 'принял(а) участие в мероприятии', fontSize: 12, color: '#444444' },
      { text: `«${c.title}»`, fontSize: 16, bold: true, margin: [40, 8, 40, 6] },
      { text: heldText(c.heldFrom, c.heldTo), fontSize: 12, margin: [0, 0, 0, 30] },
      {
        columns: [
          { width: '*', alignment: 'left', stack: [{ text: `Сертификат № ${c.number}`, fontSize: 11 }, { text: `Код проверки: ${printedCode(c.verificationCode)}`, fontSize: 11, bold: true, margin: [0, 4, 0, 4] }, { text: `Проверить подлинность: ${url}`, fontSize: 8.5, color: '#444444' }] },
          { width: 'auto', qr: url, fit: 86, eccLevel: 'M' },
        ],
        columnGap: 20,
      },
    ],
  };
  return pdf.createPdf(definition).getBuffer();
}

/** The file's names: ASCII for the fallback, Russian for `filename*`. */
export const certificateFileNames = (c: Pick<CertificateRow, 'number'>) => ({ fileName: `certificate-${c.number}.pdf`, displayName: `Сертификат № ${c.number}.pdf` });
