import { useEffect, useRef } from 'react';

let firstPage = true;

/**
 * The page's h1 and the document title. After a client-side navigation the heading takes the focus,
 * so a screen reader announces the new page and the keyboard starts from its top.
 */
export function PageTitle({ children }: { children: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} · Appointment engine`;
  }, [children]);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    heading.current?.focus();
  }, []);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}
