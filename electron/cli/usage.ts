/** The --help text: the CLI's whole interface on one screen. */
import { EXIT } from './errors';

export const USAGE = `Usage: perpdesk <snapshot|watch> [options]

Binance USDⓈ-M Futures positions in the terminal, through the same client and
position engine as the PerpDesk app.

Commands:
  snapshot              print the positions once (after the first full snapshot
                        and the first mark prices), then exit
  watch                 print the positions as they change, until Ctrl-C

Options:
  --symbol SYMBOL       only this symbol, e.g. BTCUSDT
  --all                 snapshot only: include flat (zero-size) rows
  --json                JSON output: snapshot prints one object; watch prints one
                        object per line, at most 10 lines per second
  --env ENV             demo (default) | testnet | mainnet | custom
  --demo-account NAME   demo only: oneway (default) | hedge | multi (Multi-Assets:
                        USDT and USDC margin, totals per asset)
  --ws-api URL          custom only: WS API, e.g. wss://host/ws-fapi/v1
  --market URL          custom only: market streams, e.g. wss://host/market
  --private URL         custom only: user data streams, e.g. wss://host/private
  --rest URL            custom only: REST base, e.g. https://host
                        (wss:// and https:// only, except on 127.0.0.1, localhost, [::1])
  --timeout SECONDS     give up when not connected with a snapshot by then
                        (default 20, 1 to 600)
  -h, --help            show this help

Keys (testnet, mainnet, custom) are read from the environment, never from flags:
  PERPDESK_API_KEY            the API key
  PERPDESK_API_SECRET         its HMAC secret, or
  PERPDESK_PRIVATE_KEY_FILE   a PEM private key file (Ed25519 or RSA, detected)
demo runs the built-in exchange simulator on 127.0.0.1 and needs no keys.

Exit codes: ${EXIT.ok} ok (also watch stopped by Ctrl-C), ${EXIT.usage} usage error, ${EXIT.auth} authentication
            failed, ${EXIT.unreachable} exchange unreachable or too slow, ${EXIT.internal} internal error,
            130 snapshot interrupted before it printed
`;
