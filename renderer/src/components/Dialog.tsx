// A modal dialog: overlay, title, focus moved inside on open, kept inside while open (Tab cycles within it: the page
// behind is inert to the eye, so it must be to the keyboard too), given back on close. Keys are handled by the
// shortcut scope of whoever opens it, not here.
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), '
  + '[tabindex]:not([tabindex="-1"])';

/** Tab and Shift+Tab go round the dialog's own controls; with none, the focus stays on the dialog. */
function keepFocusInside(event: KeyboardEvent<HTMLDivElement>): void {
  if (event.code !== 'Tab' || event.ctrlKey || event.altKey || event.metaKey) return;
  const box = event.currentTarget;
  const controls = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.getClientRects().length > 0);
  const first = controls[0];
  const last = controls[controls.length - 1];
  const active = document.activeElement;
  if (first === undefined || last === undefined) {
    // Nothing to go round: the focus stays where it is (a listbox keeps it), or comes back into the dialog.
    event.preventDefault();
    if (!box.contains(document.activeElement)) box.focus();
  } else if (event.shiftKey && (active === first || active === box)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

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
        className={className ? `dialog ${className}` : 'dialog'} onKeyDown={keepFocusInside}>
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          {aside}
        </header>
        {children}
      </div>
    </div>
  );
}
