// Uploads a file with the real tus-js-client, as a browser would, to a local video's
// upload URL. With --abort-at=<bytes> it stops the first attempt once that many bytes are
// acknowledged, then starts a new Upload for the same URL, which resumes from the offset
// the server reports (HEAD). Prints one JSON line with what happened.
//
//   node tus-upload.mjs <endpoint> <file> [--chunk-size=N] [--abort-at=N]
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Upload } from 'tus-js-client';

const [endpoint, file, ...flags] = process.argv.slice(2);
const option = (name, fallback) => {
  const flag = flags.find((f) => f.startsWith(`--${name}=`));
  return flag ? Number(flag.split('=')[1]) : fallback;
};
const chunkSize = option('chunk-size', 8192);
const abortAt = option('abort-at', 0);
const data = readFileSync(file);

function attempt({ uploadUrl, stopAfter }) {
  return new Promise((resolve, reject) => {
    const upload = new Upload(data, {
      endpoint,
      uploadUrl,
      chunkSize,
      retryDelays: [0, 500, 1000],
      metadata: { filename: basename(file), filetype: 'video/mp4' },
      onChunkComplete(_chunk, accepted) {
        if (stopAfter && accepted >= stopAfter) {
          upload.abort().then(() => resolve({ aborted: true, url: upload.url, offset: accepted }));
        }
      },
      onError: reject,
      onSuccess() {
        resolve({ aborted: false, url: upload.url, offset: data.length });
      },
    });
    upload.start();
  });
}

try {
  const first = await attempt({ stopAfter: abortAt });
  const result = { firstAttempt: first };
  if (first.aborted) {
    let resumedFrom = null;
    const second = await new Promise((resolve, reject) => {
      const upload = new Upload(data, {
        endpoint,
        uploadUrl: first.url,
        chunkSize,
        retryDelays: [0, 500, 1000],
        onProgress(sent) {
          if (resumedFrom === null) resumedFrom = sent;
        },
        onAfterResponse(req, res) {
          if (req.getMethod() === 'HEAD' && resumedFrom === null) {
            resumedFrom = Number(res.getHeader('Upload-Offset'));
          }
        },
        onError: reject,
        onSuccess: () => resolve({ url: upload.url }),
      });
      upload.start();
    });
    result.resumedFrom = resumedFrom;
    result.secondAttempt = second;
  }
  console.log(JSON.stringify({ ok: true, size: data.length, ...result }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, error: String(error) }));
  process.exit(1);
}
