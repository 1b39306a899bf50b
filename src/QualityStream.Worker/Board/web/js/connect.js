// One hub connection per page: key, start, automatic reconnect forever, resync after every (re)connect.
/* global signalR */
import { askForKey, forgetKey, keyFromUrl, storedKey } from './key.js';

const HUB = '/hubs/quality';

// A wall board must come back by itself after a worker restart, however long it takes.
const retryForever = { nextRetryDelayInMilliseconds: (ctx) => Math.min(30000, 1000 * 2 ** Math.min(ctx.previousRetryCount, 5)) };

/**
 * Connects and keeps connecting. `handlers.onStatus(status)` gets 'connecting' | 'live' | 'reconnecting' | 'offline';
 * `handlers.setup(connection)` registers the server → client handlers and returns the sync whose resync() loads
 * the snapshot.
 */
export async function connectHub(storageName, handlers) {
  keyFromUrl(storageName);
  let key = storedKey(storageName) ?? (await askForKey(storageName));
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(HUB, { accessTokenFactory: () => key })
    .withAutomaticReconnect(retryForever)
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  const sync = handlers.setup(connection);

  connection.onreconnecting(() => handlers.onStatus('reconnecting'));
  connection.onreconnected(async () => {
    handlers.onStatus('live');
    await sync.resync().catch(() => {});
  });
  let starting = false;
  connection.onclose(() => {
    handlers.onStatus('offline');
    if (!starting) startLoop();
  });

  async function startLoop() {
    starting = true;
    for (let attempt = 0; ; attempt += 1) {
      handlers.onStatus(attempt === 0 ? 'connecting' : 'offline');
      try {
        await connection.start();
        handlers.onStatus('live');
        await sync.resync();
        starting = false;
        return;
      } catch (error) {
        if (rejectedKey(error)) {
          forgetKey(storageName);
          key = await askForKey(storageName, 'That key was not accepted. Check it and try again.');
          attempt = -1;
          continue;
        }
        if (connection.state === signalR.HubConnectionState.Connected) await connection.stop();
        await new Promise((r) => setTimeout(r, Math.min(30000, 2000 * 2 ** Math.min(attempt, 4))));
      }
    }
  }

  await startLoop();
  return connection;
}

// The client folds the negotiate response into a message: "... Status code '401'".
const rejectedKey = (error) => /Status code '40[13]'/.test(String(error?.message ?? error));
