// Resumes an existing tus upload with tus-js-client (HEAD for the offset, then PATCHes) and
// prints one JSON line: the offset it resumed from and whether it finished.
//
//   node tus-resume.mjs <upload-url> <file> [--chunk-size=N]
import { readFileSync } from 'node:fs';
import { Upload } from 'tus-js-client';

const [uploadUrl, file, ...flags] = process.argv.slice(2);
const chunkFlag = flags.find((f) => f.startsWith('--chunk-size='));
const data = readFileSync(file);
let resumedFrom = null;
try {
  await new Promise((resolve, reject) => {
    const upload = new Upload(data, {
      endpoint: uploadUrl,
      uploadUrl,
      chunkSize: chunkFlag ? Number(chunkFlag.split('=')[1]) : 8 * 1024 * 1024,
      retryDelays: [0, 1000],
      onAfterResponse(req, res) {
        if (req.getMethod() === 'HEAD' && resumedFrom === null) {
          resumedFrom = Number(res.getHeader('Upload-Offset'));
        }
      },
      onError: reject,
      onSuccess: resolve,
    });
    upload.start();
  });
  console.log(JSON.stringify({ ok: true, resumedFrom, size: data.length }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, resumedFrom, error: String(error) }));
  process.exit(1);
}
