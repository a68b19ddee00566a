/**
 * Demo mode says what it is, once per session: the positions are simulated, and how to watch a
 * real account instead.
 */
import { closeDemoIntro } from '../store/bridge';
import { selectIsDemo } from '../store/selectors';
import { useAppStore } from '../store/store';
import { addApiKey } from './profile-slot';

export function DemoIntro() {
  const isDemo = useAppStore(selectIsDemo);
  const closed = useAppStore((state) => state.ui.demoIntroClosed);
  if (!isDemo || closed) return null;
  return (
    <section className="demo-intro" aria-label="Demo mode" data-testid="demo-intro">
      <p>
        <strong>You are in demo mode:</strong> these positions live on PerpDesk’s built-in simulated exchange and move
        like a real market, but no real account or money is involved.
      </p>
      <button type="button" className="primary" data-testid="add-api-key" onClick={addApiKey}>
        Add your API key
      </button>
      <button type="button" className="quiet" aria-label="Close the demo introduction" onClick={closeDemoIntro}>
        ✕
      </button>
    </section>
  );
}
