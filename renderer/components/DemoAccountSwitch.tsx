/**
 * Demo mode only: switches the simulator between its one-way, hedge and Multi-Assets accounts. A radio group
 * (WAI-ARIA pattern: one tab stop, arrow keys move the choice); the checked option is main's
 * `connection.demoAccount`, not a local guess.
 */
import { useRef, type KeyboardEvent } from 'react';
import { type DemoAccount, demoAccountSchema } from '../../shared/connection';
import { setDemoAccount } from '../store/bridge';
import { selectDemoAccount, selectIsDemo } from '../store/selectors';
import { useAppStore } from '../store/store';
import { DEMO_ACCOUNT_LABEL } from './labels';

// The schema's order: one-way, hedge, Multi-Assets.
const ACCOUNTS: readonly DemoAccount[] = demoAccountSchema.options;
const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'ArrowUp']);

export function DemoAccountSwitch() {
  const isDemo = useAppStore(selectIsDemo);
  const current = useAppStore(selectDemoAccount);
  const buttons = useRef(new Map<DemoAccount, HTMLButtonElement>());
  if (!isDemo) return null;

  const choose = (account: DemoAccount) => {
    buttons.current.get(account)?.focus();
    if (account !== current) void setDemoAccount(account);
  };
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const step = NEXT_KEYS.has(event.key) ? 1 : PREVIOUS_KEYS.has(event.key) ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = ACCOUNTS[(index + step + ACCOUNTS.length) % ACCOUNTS.length];
    if (next !== undefined) choose(next);
  };

  return (
    <div className="segmented" role="radiogroup" aria-label="Demo account">
      {ACCOUNTS.map((account, index) => {
        const checked = account === current;
        return (
          <button
            key={account}
            ref={(element) => {
              if (element === null) buttons.current.delete(account);
              else buttons.current.set(account, element);
            }}
            type="button"
            role="radio"
            aria-checked={checked}
            // One tab stop: the checked option, or the first while main has not said.
            tabIndex={checked || (current === null && index === 0) ? 0 : -1}
            data-testid={`demo-account-${account}`}
            onClick={() => choose(account)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {DEMO_ACCOUNT_LABEL[account]}
          </button>
        );
      })}
    </div>
  );
}
