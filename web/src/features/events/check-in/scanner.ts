// The camera at the door. Where the browser has the Barcode Detection API (Chrome on Android, Safari on macOS/iOS 17+
// behind no flag in some versions) it reads the QR natively; elsewhere (Chromium on desktop Linux and Windows, Firefox)
// jsQR — pure JavaScript, no WebAssembly fetched from elsewhere, about 40 KB compressed — is loaded with the first scan
// as a chunk of its own, so no other page pays for it. The typed short code works everywhere, camera or not.

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

type Decoder = (video: HTMLVideoElement) => Promise<string | null>;

async function nativeDecoder(): Promise<Decoder | null> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return null;
    const detector = new Detector({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  } catch {
    return null;
  }
}

async function jsqrDecoder(): Promise<Decoder> {
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  return async (video) => {
    if (!video.videoWidth) return null;
    // A 480-pixel-wide frame is enough for a QR held at arm's length, and keeps each pass short on a phone.
    const scale = Math.min(1, 480 / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

export type ScannerEngine = 'native' | 'jsqr';

/**
 * Starts the rear camera in the video element and calls `onCode` with each QR read (the same code at most once in
 * three seconds, so a ticket held still is not read twenty times). Returns what stops it and which engine reads.
 */
export async function startScanner(video: HTMLVideoElement, onCode: (text: string) => void): Promise<{ stop: () => void; engine: ScannerEngine }> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  video.srcObject = stream;
  video.setAttribute('playsinline', 'true');
  video.muted = true;
  await video.play();
  const native = await nativeDecoder();
  const decode = native ?? (await jsqrDecoder());
  let stopped = false;
  let last = { text: '', at: 0 };
  const tick = async () => {
    if (stopped) return;
    try {
      const text = await decode(video);
      if (text && (text !== last.text || Date.now() - last.at > 3000)) {
        last = { text, at: Date.now() };
        onCode(text);
      }
    } catch {
      // A frame that could not be read: the next one will be.
    }
    if (!stopped) setTimeout(tick, 200);
  };
  void tick();
  return {
    engine: native ? 'native' : 'jsqr',
    stop: () => {
      stopped = true;
      for (const track of stream.getTracks()) track.stop();
      video.srcObject = null;
    },
  };
}

export const cameraAvailable = () => typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;
