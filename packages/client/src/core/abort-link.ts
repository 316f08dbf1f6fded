/**
 * One `abort` listener per caller signal, however many calls share it. Adding a listener per call
 * makes Node print `MaxListenersExceededWarning` once eleven calls share one signal; here each call
 * adds a callback to the signal's set, and the single listener is removed when the set is empty.
 */
interface Link {
  callbacks: Set<() => void>;
  listener: () => void;
}

const links = new WeakMap<AbortSignal, Link>();

/** Calls `callback` once when `signal` aborts; returns the function that stops that. */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  const link = links.get(signal) ?? listen(signal);
  const { callbacks, listener } = link;
  callbacks.add(callback);
  return () => {
    if (!callbacks.delete(callback) || callbacks.size > 0) return;
    if (links.get(signal) === link) links.delete(signal);
    signal.removeEventListener('abort', listener);
  };
}

function listen(signal: AbortSignal): Link {
  const callbacks = new Set<() => void>();
  const listener = () => {
    links.delete(signal);
    for (const call of callbacks) call();
  };
  const link = { callbacks, listener };
  links.set(signal, link);
  signal.addEventListener('abort', listener, { once: true });
  return link;
}
