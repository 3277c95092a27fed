// A modal dialog: overlay, title, focus moved inside on open and given back on close. Keys are handled by
// the shortcut scope of whoever opens it, not here.
import { useEffect, useId, useRef, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  /** Shown right of the title, usually the key that closes the dialog. */
  aside?: ReactNode;
  children: ReactNode;
  onClose(): void;
  className?: string;
}

export function Dialog({ title, aside, children, onClose, className }: DialogProps) {
  const titleId = useId();
  const boxRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const box = boxRef.current;
    // Focus the first field if there is one (the picker's search box), otherwise the dialog itself.
    const field = box?.querySelector<HTMLElement>('input, [data-autofocus]');
    (field ?? box)?.focus();
    return () => previous?.focus();
  }, []);
  return (
    <div className="dialog-overlay" onMouseDown={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <div ref={boxRef} role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1}
        className={className ? `dialog ${className}` : 'dialog'}>
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          {aside}
        </header>
        {children}
      </div>
    </div>
  );
}
