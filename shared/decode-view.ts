// Text decoding of a view that may lie in shared memory. Browsers refuse to decode a view of
// a SharedArrayBuffer ("must not be shared"); Node decodes it. The app's large snapshots lie
// in shared memory (decrypted on two workers), so the ciphertext's header lines and the
// image's text values are decoded through here: as they are where the decoder takes them, or
// from a copy of just that value where it does not.
const decodesSharedViews: boolean = (() => {
  if (typeof SharedArrayBuffer !== 'function') return true; // nothing shared can exist here
  try {
    new TextDecoder().decode(new Uint8Array(new SharedArrayBuffer(1)));
    return true;
  } catch {
    return false;
  }
})();

/** `decoder.decode(view)`, copying the view first only where the platform refuses shared memory. */
export function decodeView(decoder: TextDecoder, view: Uint8Array): string {
  // new Uint8Array(view) copies into fresh memory (a subclass's slice() might not: ImageBytes).
  return decodesSharedViews || view.buffer instanceof ArrayBuffer ? decoder.decode(view) : decoder.decode(new Uint8Array(view));
}
