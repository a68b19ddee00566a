/**
 * A button that opens a small non-modal panel (role="dialog"): the Columns menu, the alert
 * settings, the connection timeline, the profile switcher. The panel takes focus when it opens;
 * Escape or a click outside closes it, and Escape returns focus to the button. `usePopover` is that
 * behaviour without the markup, for a panel that draws its own button (ProfileMenu).
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE = 'input, button:not(:disabled), select, textarea, [tabindex]:not([tabindex="-1"])';

/** Open state, refs and ARIA wiring of a button + panel pair; spread the props on the elements. */
export function usePopover() {
  const [open, setOpen] = useState(false);
  const id = useId();
  const anchor = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);

  // Focus moves into the panel when it opens; a pointer press outside closes it.
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

  /** Closes the panel; `returnFocus` puts focus back on the button (Escape, a finished action). */
  const close = useCallback((returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) trigger.current?.focus();
  }, []);
  const show = useCallback(() => setOpen(true), []);

  return {
    open,
    show,
    close,
    anchorRef: anchor,
    triggerProps: {
      ref: trigger,
      type: 'button' as const,
      'aria-haspopup': 'dialog' as const,
      'aria-expanded': open,
      'aria-controls': open ? id : undefined,
    },
    panelProps: {
      ref: panel,
      id,
      role: 'dialog' as const,
      tabIndex: -1,
      onKeyDown: (event: KeyboardEvent) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        close(true);
      },
    },
  };
}

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

export function Popover({ label, button, children, placement = 'below', align = 'end', className, testId, onOpen }: Props) {
  const popover = usePopover();
  const { open } = popover;
  return (
    <div ref={popover.anchorRef} className="popover-anchor">
      <button
        {...popover.triggerProps}
        className={`tool-button${open ? ' pressed' : ''}`}
        data-testid={testId}
        onClick={() => {
          if (open) {
            popover.close(false);
            return;
          }
          onOpen?.();
          popover.show();
        }}
      >
        {button}
      </button>
      {open && (
        <div
          {...popover.panelProps}
          aria-label={label}
          className={`popover popover-${placement} popover-${align}${className === undefined ? '' : ` ${className}`}`}
        >
          {children(() => popover.close(true))}
        </div>
      )}
    </div>
  );
}
