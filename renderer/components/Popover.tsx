/**
 * A button that opens a small non-modal panel (role="dialog"): the Columns menu, the alert
 * settings, the connection timeline. The panel takes focus when it opens; Escape or a click
 * outside closes it, and Escape returns focus to the button.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface Props {
  /** The panel's accessible name. The button is named by its own text, which the eye sees too. */
  readonly label: string;
  readonly button: ReactNode;
  readonly children: (close: () => void) => ReactNode;
  /** Opens above the button (for the status bar) instead of below. */
  readonly placement?: 'below' | 'above';
  readonly align?: 'start' | 'end';
  readonly className?: string;
  readonly testId?: string;
  /** Called each time the panel opens. */
  readonly onOpen?: () => void;
}

const FOCUSABLE = 'input, button, select, textarea, [tabindex]:not([tabindex="-1"])';

export function Popover({ label, button, children, placement = 'below', align = 'end', className, testId, onOpen }: Props) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const anchor = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const first = panel.current?.querySelector<HTMLElement>(FOCUSABLE) ?? panel.current;
    first?.focus();
    const onPointerDown = (event: PointerEvent) => {
      if (!anchor.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    trigger.current?.focus();
  };

  return (
    <div ref={anchor} className="popover-anchor">
      <button
        ref={trigger}
        type="button"
        className={`tool-button${open ? ' pressed' : ''}`}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        data-testid={testId}
        onClick={() => {
          if (!open) onOpen?.();
          setOpen(!open);
        }}
      >
        {button}
      </button>
      {open && (
        <div
          ref={panel}
          id={id}
          role="dialog"
          aria-label={label}
          tabIndex={-1}
          className={`popover popover-${placement} popover-${align}${className === undefined ? '' : ` ${className}`}`}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.stopPropagation();
            close();
          }}
        >
          {children(close)}
        </div>
      )}
    </div>
  );
}
