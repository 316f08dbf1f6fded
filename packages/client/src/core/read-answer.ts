import type { RawAnswer } from './envelope.js';

/** The default `maxResponseBytes`: the envelope is a few hundred bytes; 1 MiB leaves room and bounds memory. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1_048_576;

/**
 * Reads a response's body as text, but never more than `maxBytes` (counted after decompression, as
 * the body arrives): past that, it stops reading, cancels the stream (which closes the connection) and
 * returns an answer marked `tooLargeAt`, without the text. So a hostile or broken server cannot make
 * the client buffer a 200 MB answer.
 */
export async function readAnswer(response: Response, maxBytes: number): Promise<RawAnswer> {
  const { status, headers } = response;
  // A declared length over the limit is refused before reading. A smaller one is not trusted: the bytes
  // are counted as they arrive, after decompression (a small compressed body can decode to a huge one).
  const declared = headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { status, headers, text: '', tooLargeAt: maxBytes };
  }
  if (response.body === null) return { status, headers, text: '' };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { status, headers, text: '', tooLargeAt: maxBytes };
    }
    chunks.push(value);
  }
  return { status, headers, text: decode(chunks, received) };
}

/** Decodes whole bodies only (never `stream: true`), so one decoder serves every call. */
const utf8 = new TextDecoder();

function decode(chunks: Uint8Array[], length: number): string {
  if (chunks.length === 1) return utf8.decode(chunks[0]);
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return utf8.decode(bytes);
}
