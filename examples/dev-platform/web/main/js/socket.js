// The WebSocket API connection: `whoami` (a two-way route) tells the page its connection id;
// the job later pushes {"type":"jobDone"} through @connections.
export function openJobSocket(url, { onJobDone, onClose }) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.addEventListener('open', () => ws.send(JSON.stringify({ action: 'whoami' })));
    ws.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)));
    ws.addEventListener('close', onClose);
    ws.addEventListener('message', (event) => {
      const message = JSON.parse(event.data);
      if (message.type === 'hello') resolve({ connectionId: message.connectionId, socket: ws });
      else if (message.type === 'jobDone') onJobDone(message);
    });
  });
}
