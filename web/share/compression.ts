// Bytes <-> the URL-safe text of a share link: deflate-raw through the
// browser's own CompressionStream (no library), then base64url. Decompression
// is streamed with a running byte cap, so a "zip bomb" link is refused after
// reading at most the cap, never inflated whole into memory.

/** Thrown when a share payload is not what it claims to be; `message` is shown to the user. */
export class SharePayloadError extends Error {
  override readonly name = "SharePayloadError";
}

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** Reads a byte stream to its end, cancelling it as soon as more than `maxBytes` arrive. */
async function readCapped(
  stream: ReadableStream<Uint8Array>,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

export async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = streamOf(bytes).pipeThrough(
    new CompressionStream("deflate-raw") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
  );
  return readCapped(stream, Number.MAX_SAFE_INTEGER, () => new Error("unreachable"));
}

/** Inflates deflate-raw data, refusing (and stopping) once the output passes `maxBytes`. */
export async function inflateRaw(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const stream = streamOf(bytes).pipeThrough(
    new DecompressionStream("deflate-raw") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
  );
  try {
    return await readCapped(
      stream,
      maxBytes,
      () =>
        new SharePayloadError(
          `the link unpacks to more than ${Math.round(maxBytes / 1024)} KB, the limit for a shared scenario`,
        ),
    );
  } catch (err) {
    if (err instanceof SharePayloadError) throw err;
    // Chromium and Node report a truncated or altered deflate stream as a TypeError with an engine-specific text.
    throw new SharePayloadError("the link is damaged (cut short or altered): its data does not unpack");
  }
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array {
  if (!BASE64URL.test(text) || text.length % 4 === 1)
    throw new SharePayloadError("the link is damaged: it contains characters a share link never has");
  const padded = text.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((text.length + 3) % 4);
  const binary = atob(padded);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
