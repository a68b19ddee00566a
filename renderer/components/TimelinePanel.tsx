/**
 * The connection timeline: connects, reconnects, renewals, resyncs and errors, newest first. Opened
 * from the status bar; the list is fetched again on opening and follows `log` pushes while open.
 */
import { refreshTimeline } from '../store/bridge';
import { selectTimeline } from '../store/selectors';
import { useAppStore } from '../store/store';
import { TIMELINE_KIND_LABEL } from './labels';
import { Popover } from './Popover';

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

export function TimelineButton() {
  return (
    <Popover
      label="Connection timeline"
      button="Timeline"
      placement="above"
      className="timeline-panel"
      testId="timeline-button"
      onOpen={() => void refreshTimeline()}
    >
      {() => <TimelineList />}
    </Popover>
  );
}

function TimelineList() {
  const entries = useAppStore(selectTimeline);
  return (
    <>
      <p className="popover-title">Connection timeline</p>
      {entries.length === 0 ? (
        <p className="muted">Nothing has happened yet.</p>
      ) : (
        <ol className="timeline" data-testid="timeline-list">
          {/* Entries are unique by time, kind and message (mergeTimeline drops repeats). */}
          {[...entries].reverse().map((entry) => (
            <li key={`${entry.at}|${entry.kind}|${entry.message}`} className={`timeline-entry timeline-${entry.kind}`}>
              <time dateTime={new Date(entry.at).toISOString()}>{TIME.format(entry.at)}</time>
              <span className="timeline-kind">{TIMELINE_KIND_LABEL[entry.kind]}</span>
              <span className="timeline-message">{entry.message}</span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
