// The benchmark client: tus-js-client uploads a file in fixed-size chunks and prints one
// JSON line with the bytes, seconds and MB/s (10^6 bytes) from the first request to success.
//
//   node upload.mjs <endpoint> <file> <chunk-size-bytes>
import { readFileSync } from 'node:fs';
import { Upload } from 'tus-js-client';

const [endpoint, file, chunk] = process.argv.slice(2);
const data = readFileSync(file);
const started = process.hrtime.bigint();
await new Promise((resolve, reject) => {
  const upload = new Upload(data, {
    endpoint,
    chunkSize: Number(chunk),
    retryDelays: [],
    metadata: { filename: 'bench.bin', filetype: 'application/octet-stream' },
    onError: reject,
    onSuccess: resolve,
  });
  upload.start();
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ bytes: data.length, seconds, mbPerSecond: data.length / 1e6 / seconds }));
