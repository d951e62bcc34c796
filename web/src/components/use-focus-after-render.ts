import { useEffect, useRef, useState } from 'react';

/**
 * Moves the focus once the state change made alongside has been rendered. An animation frame is not
 * enough: it may come before React's commit, when the element to focus does not exist yet, and the
 * focus is then lost to the page.
 */
export function useFocusAfterRender(): (target: () => HTMLElement | null | undefined) => void {
  const pending = useRef<(() => HTMLElement | null | undefined) | null>(null);
  // a render of its own, so the effect runs even when nothing else in this component changed
  const [request, setRequest] = useState(0);

  useEffect(() => {
    const target = pending.current;
    pending.current = null;
    target?.()?.focus();
  }, [request]);

  return (target) => {
    pending.current = target;
    setRequest((n) => n + 1);
  };
}
