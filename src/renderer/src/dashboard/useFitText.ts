import { useLayoutEffect, useRef } from 'react';

/**
 * Shrinks a one-line text's font until it fits its box (down to `minPx`), so long figures such as
 * "US$12,345,678" stay whole instead of being cut off. Re-fits when the text or the box size changes.
 */
export function useFitText<T extends HTMLElement>(text: string, maxPx: number, minPx = 14) {
  const ref = useRef<T>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const fit = (): void => {
      let size = maxPx;
      element.style.fontSize = `${size}px`;
      while (element.scrollWidth > element.clientWidth && size > minPx) {
        size -= 1;
        element.style.fontSize = `${size}px`;
      }
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(element);
    return () => observer.disconnect();
  }, [text, maxPx, minPx]);
  return ref;
}
