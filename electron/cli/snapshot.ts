/** `perpdesk snapshot`: one merged view (full snapshot + first marks), printed once. */
import { isZeroDecimal } from '../../shared/decimal';
import { positionKey } from '../../shared/position';
import { currentDocument, currentTable, firstView, unlessAborted, type CommandContext } from './context';
import { CliError, EXIT } from './errors';
import { writeAll } from './output';
import { renderTable } from './table';

/** Connects, waits for the first complete view, prints it (table or JSON), returns. */
export async function snapshotCommand(context: CommandContext): Promise<void> {
  const { session, options, out, signal } = context;
  await firstView(context);
  // The Desk hands over a reply just before the engine merges it; let that merge finish first.
  await new Promise((resolve) => setImmediate(resolve));
  const raw = options.all ? session.rawSnapshot(options.symbol) : null;
  if (options.all && raw === null) throw new CliError(EXIT.internal, 'the raw snapshot rows are missing');
  if (options.json) {
    const allRows = raw === null ? undefined : { rows: raw.rows, receivedAt: raw.receivedAt };
    await writeAll(out.stream, `${JSON.stringify(currentDocument(context, allRows))}\n`);
    return;
  }
  const symbols = await unlessAborted(signal, session.symbols());
  const lines = renderTable(currentTable(context, symbols));
  if (raw !== null) {
    const open = new Set(session.view().rows.map((row) => row.key));
    const flat = raw.rows.filter(
      (row) =>
        (options.symbol === null || row.symbol === options.symbol) &&
        isZeroDecimal(row.positionAmt) &&
        !open.has(positionKey(row.symbol, row.positionSide)),
    );
    const names = flat.map((row) => (row.positionSide === 'BOTH' ? row.symbol : positionKey(row.symbol, row.positionSide)));
    lines.push('', `Flat (${flat.length}): ${names.join(' ') || '—'}`);
  }
  await writeAll(out.stream, `${lines.join('\n')}\n`);
}
