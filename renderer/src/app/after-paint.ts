// Resolves once the frame that shows the current changes has been produced: work a key press only feeds (the
// detail pane's appeal, suggestions) starts after the selection is on screen, not before it.
const FALLBACK_MS = 50;

export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function') {
      resolve();
      return;
    }
    // A hidden window gets no frames: the timer makes sure the work still happens.
    const timer = setTimeout(resolve, FALLBACK_MS);
    requestAnimationFrame(() => {
      // A message task runs after the frame rAF belongs to has been produced (setTimeout could be clamped).
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        clearTimeout(timer);
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  });
}
