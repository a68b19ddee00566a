/**
 * A button that opens a small non-modal panel (role="dialog"): the Columns menu, the alert
 * settings, the connection timeline, the profile switcher. The panel's first enabled control takes
 * focus when it opens, and Tab / Shift+Tab cycle inside it while it is open (a focus trap: focus
 * never wanders to the page behind); Escape or a click outside closes it, and Escape returns focus
 * to the button. `usePopover` is that behaviour without the markup, for a panel that draws its own
 * button (ProfileMenu).
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** What Tab can reach; a disabled control cannot take focus, so it must not be chosen as "first". */
const FOCUSABLE =
  'input:not(:disabled):not([type="hidden"]), button:not(:disabled), select:not(:disabled), textarea:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])';

/** The panel's focusable controls in Tab order, leaving out any that are not rendered (display: none). */
function focusableIn(panel: HTMLElement): HTMLElement[] {
  return [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => element.getClientRects().length > 0);
}

/**
 * Keeps Tab inside the panel: from the last control Tab wraps to the first, from the first (or the
 * panel itself) Shift+Tab wraps to the last. Returns whether it moved focus.
 */
function trapTab(panel: HTMLElement, backwards: boolean): boolean {
  const controls = focusableIn(panel);
  const first = controls[0];
  const last = controls[controls.length - 1];
  const active = document.activeElement;
  if (first === undefined || last === undefined) {
    panel.focus();
    return true;
  }
  if (backwards && (active === first || active === panel || !panel.contains(active))) {
    last.focus();
    return true;
  }
  if (!backwards && (active === last || !panel.contains(active))) {
    first.focus();
    return true;
  }
  return false;
}

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
    const element = panel.current;
    if (element !== null) (focusableIn(element)[0] ?? element).focus();
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
        if (event.key === 'Tab') {
          if (panel.current !== null && trapTab(panel.current, event.shiftKey)) event.preventDefault();
          return;
        }
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
