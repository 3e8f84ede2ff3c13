// The part of Mux's API the stale-upload sweep calls, for bench/sweep-bench.sh: every
// upload it is asked about exists and is still `waiting` (nothing was ever uploaded), as
// Mux answers for an abandoned direct upload; cancelling one answers it `cancelled`.
// Same paths, Basic auth and {"data": ...} / {"error": ...} envelopes as api.mux.com.
// GET /_stats (no auth) answers how many lookups and cancels it served.
//
//   node bench/mux-lookup-simulator.mjs <port> <token-id> <token-secret>
import http from 'node:http';

const [port, tokenId, tokenSecret] = process.argv.slice(2);
const expected = 'Basic ' + Buffer.from(`${tokenId}:${tokenSecret}`).toString('base64');
const stats = { lookups: 0, cancels: 0, other: 0 };
const upload = /^\/video\/v1\/uploads\/([A-Za-z0-9]{1,64})(\/cancel)?$/;

function send(res, status, body) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
}

function waiting(id, status) {
    return {
        data: {
            id, status, timeout: 3600, cors_origin: '*',
            url: `https://storage.googleapis.com/video-storage-us-east1-uploads/${id}`,
            new_asset_settings: { playback_policies: ['signed'], video_quality: 'basic' },
        },
    };
}

http.createServer((req, res) => {
    req.resume();
    if (req.method === 'GET' && req.url === '/_stats') {
        return send(res, 200, stats);
    }
    if (req.headers.authorization !== expected) {
        return send(res, 401, { error: { type: 'unauthorized', messages: ['Unauthorized request'] } });
    }
    const match = upload.exec(req.url);
    if (match && req.method === 'GET' && !match[2]) {
        stats.lookups++;
        return send(res, 200, waiting(match[1], 'waiting'));
    }
    if (match && req.method === 'PUT' && match[2]) {
        stats.cancels++;
        return send(res, 200, waiting(match[1], 'cancelled'));
    }
    stats.other++;
    send(res, 404, { error: { type: 'not_found', messages: ['Not found'] } });
}).listen(Number(port), '127.0.0.1');
