// Loopback reverse proxy for checks whose client cannot send an Authorization header (the
// conformance suite): every request goes on to TARGET with INJECT_AUTH added when the client
// sent none. Prints one JSON line per request (never the credential) and "proxy ready …" once
// it listens.
// usage: TARGET=http://127.0.0.1:3333 LISTEN=3334 INJECT_AUTH='hlk_…' node authproxy.mjs
import http from 'node:http';

const target = new URL(process.env.TARGET ?? 'http://127.0.0.1:3333');
const port = Number(process.env.LISTEN ?? 3334);
const credential = process.env.INJECT_AUTH;

const server = http.createServer((req, res) => {
  const headers = { ...req.headers, host: target.host };
  const injected = Boolean(credential) && headers.authorization === undefined;
  if (injected) headers.authorization = credential;
  const upstream = http.request(
    { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers },
    (answer) => {
      console.log(JSON.stringify({ method: req.method, path: req.url, injected, status: answer.statusCode }));
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`proxy: ${error.message}`);
  });
  req.pipe(upstream);
});
server.listen(port, '127.0.0.1', () => console.log(`proxy ready 127.0.0.1:${port} -> ${target.origin}`));
