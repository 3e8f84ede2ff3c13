// The development demo page: a video from a dropped file to playback through the public API
// only. POST /api/videos gives the upload URL and its protocol (tus: tus-js-client; put: Mux's
// UpChunk; post: a form upload), GET /api/videos/{id}/events streams the status (read with
// fetch, because EventSource cannot send the bearer token), and once ready hls.js plays the
// signed playback URL with the thumbnail, the storyboard on the scrub bar and the captions.
// The token is the demo user's, from POST /demo/token (development configuration only).
'use strict';

(() => {
  const STORED_VIDEO = 'yourbit-demo.video';
  const MiB = 1024 * 1024;
  const $ = (id) => document.getElementById(id);

  let token = null;
  let tokenExpiresAt = 0;
  let upload = null; // { abort() } of the running upload
  let watching = null; // AbortController of the event stream
  let shown = null; // the id of the video on the page
  let player = null; // { hls, renditions, playing }

  // ---- the API -------------------------------------------------------------------------------

  async function bearer() {
    if (!token || Date.now() > tokenExpiresAt - 60_000) {
      const response = await fetch('/demo/token', { method: 'POST' });
      if (!response.ok) {
        throw new Error(`no demo token: ${await problem(response)}`);
      }
      const issued = await response.json();
      token = issued.token;
      tokenExpiresAt = Date.parse(issued.expiresAt);
    }
    return token;
  }

  /** fetch() with the demo token; a 401 (the token expired meanwhile) is tried once more. */
  async function api(path, options = {}) {
    for (let attempt = 0; ; attempt += 1) {
      const headers = { Accept: 'application/json', ...options.headers, Authorization: `Bearer ${await bearer()}` };
      const response = await fetch(path, { ...options, headers });
      if (response.status === 401 && attempt === 0) {
        token = null;
        continue;
      }
      return response;
    }
  }

  async function problem(response) {
    try {
      const body = await response.json();
      return body.detail || body.title || `HTTP ${response.status}`;
    } catch {
      return `HTTP ${response.status}`;
    }
  }

  async function json(path, options) {
    const response = await api(path, options);
    if (!response.ok) {
      const error = new Error(await problem(response));
      error.status = response.status;
      throw error;
    }
    return response.json();
  }

  function say(text, isError) {
    $('message').textContent = text;
    $('message').className = isError ? 'error' : '';
  }

  // ---- the video this browser uploaded (localStorage, so that a reload finds it) -------------

  function remembered() {
    try {
      return JSON.parse(localStorage.getItem(STORED_VIDEO));
    } catch {
      return null;
    }
  }

  function remember(id, file) {
    localStorage.setItem(STORED_VIDEO, JSON.stringify({
      id, name: file.name, size: file.size, lastModified: file.lastModified,
    }));
  }

  function sameFile(saved, file) {
    return saved && saved.name === file.name && saved.size === file.size && saved.lastModified === file.lastModified;
  }

  // ---- upload --------------------------------------------------------------------------------

  async function chosen(file) {
    if (!file) return;
    try {
      upload?.abort();
      upload = null;
      const saved = remembered();
      let video = null;
      if (sameFile(saved, file)) {
        // The same file again after a reload: go on with that video's upload, if it still takes bytes.
        try {
          const known = await json(`/api/videos/${encodeURIComponent(saved.id)}`);
          if (known.status === 'preparing' && known.upload) video = known;
        } catch {
          // gone: a new video
        }
      }
      if (!video) {
        video = await json('/api/videos', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ title: file.name.slice(0, 500) }),
        });
        remember(video.id, file);
      }
      show(video);
      send(video, file);
    } catch (e) {
      say(`Could not upload: ${e.message}`, true);
    }
  }

  let uploadTotal = 0;

  function progress(sent, total) {
    uploadTotal = total;
    const percent = total > 0 ? Math.floor((sent / total) * 100) : 0;
    $('progress').value = percent;
    $('percent').textContent = `${percent} % (${(sent / MiB).toFixed(1)} of ${(total / MiB).toFixed(1)} MiB)`;
  }

  function uploadState(text) {
    $('upload-state').textContent = text;
  }

  function uploaded() {
    upload = null;
    progress(uploadTotal, uploadTotal);
    uploadState('uploaded; the provider prepares the video');
  }

  function uploadFailed(message) {
    upload = null;
    uploadState('failed');
    say(`The upload failed: ${message}`, true);
  }

  function send(video, file) {
    const { url, protocol } = video.upload;
    $('upload').hidden = false;
    $('upload').dataset.protocol = protocol;
    $('upload-protocol').textContent = protocol;
    $('file-name').textContent = file.name;
    $('resume-hint').hidden = true;
    progress(0, file.size);
    // The local provider's upload URL also takes Mux-style PUTs: /?client=upchunk tries UpChunk on it.
    const upChunkHere = video.provider === 'local' && new URLSearchParams(location.search).get('client') === 'upchunk';
    if (protocol === 'tus' && upChunkHere) {
      $('upload-protocol').textContent = 'put (UpChunk)';
      sendWithUpChunk(url, file);
    } else if (protocol === 'tus') {
      sendWithTus(video, url, file);
    } else if (protocol === 'put') {
      sendWithUpChunk(url, file);
    } else if (protocol === 'post') {
      sendAsForm(url, file);
    } else {
      uploadFailed(`this page does not know the upload protocol "${protocol}"`);
    }
  }

  /**
   * tus-js-client (local provider, Cloudflare tus). It keeps each upload's URL in localStorage
   * under the file's fingerprint (name, type, size, date, endpoint), so after a reload the same
   * file finds its upload and resumes at the offset the server reports (HEAD).
   */
  function sendWithTus(video, endpoint, file) {
    const tusUpload = new tus.Upload(file, {
      endpoint,
      // Cloudflare takes chunks of at least 5 MiB in multiples of 256 KiB and suggests 50 MiB
      // (developers.cloudflare.com/stream/uploading-videos/resumable-uploads); the local
      // provider keeps every acknowledged chunk durably, so smaller ones are checkpoints.
      chunkSize: video.provider === 'cloudflare' ? 50 * MiB : 16 * MiB,
      retryDelays: [0, 1000, 3000, 5000, 10000, 20000],
      metadata: { filename: file.name, filetype: file.type || 'application/octet-stream' },
      removeFingerprintOnSuccess: true,
      onProgress: progress,
      onSuccess: uploaded,
      onError: (e) => uploadFailed(e.message || String(e)),
    });
    upload = { abort: () => tusUpload.abort() };
    tusUpload.findPreviousUploads().then((previous) => {
      if (previous.length > 0) {
        tusUpload.resumeFromPreviousUpload(previous[0]);
        uploadState('resuming where the last page stopped');
      } else {
        uploadState('uploading (tus)');
      }
      tusUpload.start();
    });
  }

  /** Mux's UpChunk: PUTs of Content-Range chunks (Mux direct uploads; the local provider takes them too). */
  function sendWithUpChunk(endpoint, file) {
    // chunkSize in KiB, a multiple of 256 as Mux's storage wants.
    const chunked = UpChunk.createUpload({ endpoint, file, chunkSize: 5120 });
    upload = { abort: () => chunked.abort() };
    uploadState('uploading (UpChunk)');
    chunked.on('progress', (e) => progress((e.detail / 100) * file.size, file.size));
    chunked.on('success', uploaded);
    chunked.on('error', (e) => uploadFailed(e.detail.message));
  }

  /** A basic direct creator upload (Cloudflare, at most 200 MB): one multipart POST. */
  function sendAsForm(url, file) {
    const xhr = new XMLHttpRequest();
    upload = { abort: () => xhr.abort() };
    uploadState('uploading (form)');
    xhr.upload.onprogress = (e) => progress(e.loaded, e.total);
    xhr.onload = () => (xhr.status < 300 ? uploaded() : uploadFailed(`HTTP ${xhr.status}`));
    xhr.onerror = () => uploadFailed('the connection failed');
    const form = new FormData();
    form.append('file', file);
    xhr.open('POST', url);
    xhr.send(form);
  }

  // ---- the video's status, live --------------------------------------------------------------

  function show(video) {
    if (shown !== video.id) {
      shown = video.id;
      $('events').replaceChildren();
      closePlayer();
      watch(video.id);
    }
    $('video-section').hidden = false;
    $('forget').hidden = false;
    $('video-id').textContent = video.id;
    apply(video);
  }

  function apply(video) {
    $('status').textContent = video.status + (video.errorReason ? `: ${video.errorReason}` : '');
    $('status').dataset.status = video.status;
    if (video.status === 'ready') {
      play(video);
    }
  }

  /** Reads server-sent events from a fetch() body; calls onEvent({ id, type, data }) per event. */
  async function readEvents(body, onEvent) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let event = { data: [] };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      for (;;) {
        const end = buffer.search(/\r\n|\r|\n/);
        if (end < 0 || (buffer[end] === '\r' && end === buffer.length - 1)) break; // a CR LF may be split
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
        if (line === '') {
          if (event.data.length > 0) onEvent({ id: event.id, type: event.type || 'message', data: event.data.join('\n') });
          event = { data: [] };
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          let text = colon < 0 ? '' : line.slice(colon + 1);
          if (text.startsWith(' ')) text = text.slice(1);
          if (field === 'data') event.data.push(text);
          else if (field === 'event') event.type = text;
          else if (field === 'id' && !text.includes('\0')) event.id = text;
        }
      }
    }
  }

  /** GET /api/videos/{id}/events, reconnecting with Last-Event-ID until the video is deleted. */
  async function watch(id) {
    watching?.abort();
    const controller = new AbortController();
    watching = controller;
    let lastEventId = null;
    let wait = 1000;
    let over = false;
    while (!controller.signal.aborted && !over) {
      try {
        const headers = { Accept: 'text/event-stream' };
        if (lastEventId) headers['Last-Event-ID'] = lastEventId;
        const response = await api(`/api/videos/${encodeURIComponent(id)}/events`, { headers, signal: controller.signal });
        if (response.status === 404) {
          $('stream-state').textContent = '(the video is gone)';
          return;
        }
        if (response.status === 429) {
          wait = Math.max(wait, Number(response.headers.get('Retry-After') || 5) * 1000);
          $('stream-state').textContent = '(too many open event streams; waiting)';
        } else if (response.ok) {
          wait = 1000;
          $('stream-state').textContent = '(live)';
          await readEvents(response.body, (e) => {
            if (e.id) lastEventId = e.id;
            const event = JSON.parse(e.data);
            logEvent(event);
            if (event.type === 'video.deleted') over = true;
            if (event.data && event.data.id === shown) {
              apply(event.data);
              newRenditions(event.data);
              if (event.data.storyboard) storyboard(event.data.id);
            }
          });
        } else {
          $('stream-state').textContent = `(event stream: ${await problem(response)})`;
        }
      } catch (e) {
        if (controller.signal.aborted) return;
      }
      if (over) break;
      $('stream-state').textContent = '(reconnecting)';
      await new Promise((resolve) => { setTimeout(resolve, wait); });
      wait = Math.min(wait * 2, 30_000);
    }
    $('stream-state').textContent = '';
  }

  function logEvent(event) {
    const item = document.createElement('li');
    item.dataset.type = event.type;
    item.textContent = `${new Date(event.timestamp).toLocaleTimeString()} ${event.type}`
      + (event.data?.status ? ` (${event.data.status})` : '');
    $('events').append(item);
    item.scrollIntoView({ block: 'nearest' });
  }

  // ---- playback ------------------------------------------------------------------------------

  async function playbackUrl(id) {
    return (await json(`/api/videos/${encodeURIComponent(id)}/playback?ttl=3600`)).url;
  }

  async function play(video) {
    if (player) return;
    const element = $('video');
    player = { hls: null, renditions: (video.renditions || []).length, storyboard: false };
    $('player').hidden = false;
    try {
      thumbnail(video.id);
      if (video.storyboard) storyboard(video.id);
      captions(video.id);
      attach(await playbackUrl(video.id), 0, false);
    } catch (e) {
      say(`Cannot play: ${e.message}`, true);
      return;
    }
    element.ontimeupdate = () => {
      if (element.duration > 0) $('scrub-played').style.width = `${(element.currentTime / element.duration) * 100}%`;
    };
  }

  /** hls.js on the video element (Safari plays HLS itself); from `at` seconds, playing if it was. */
  function attach(url, at, resume) {
    const element = $('video');
    player.hls?.destroy();
    player.hls = null;
    if (window.Hls && Hls.isSupported()) {
      // No worker: it would be a blob: script, which this page's CSP does not run.
      const hls = new Hls({ enableWorker: false, startPosition: at > 0 ? at : -1 });
      player.hls = hls;
      hls.on(Hls.Events.MANIFEST_PARSED, () => {
        levels(hls);
        if (resume) element.play().catch(() => {});
      });
      hls.on(Hls.Events.LEVEL_SWITCHED, (_, data) => {
        $('level').textContent = `playing ${levelName(hls.levels[data.level], data.level)}`;
        $('level').dataset.level = String(data.level);
      });
      hls.on(Hls.Events.SUBTITLE_TRACKS_UPDATED, () => subtitleTracks(hls));
      hls.on(Hls.Events.ERROR, (_, data) => {
        if (!data.fatal) return;
        if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
          hls.recoverMediaError();
        } else {
          say(`Playback failed: ${data.details}`, true);
        }
      });
      hls.loadSource(url);
      hls.attachMedia(element);
    } else if (element.canPlayType('application/vnd.apple.mpegurl')) {
      element.src = url;
      if (at > 0) element.currentTime = at;
      if (resume) element.play().catch(() => {});
    } else {
      say('This browser plays neither HLS nor Media Source Extensions.', true);
    }
  }

  /** 720p, or what the playlist says of a level without RESOLUTION. */
  function levelName(level, index) {
    return level.height ? `${level.height}p` : `level ${index + 1}`;
  }

  /** The quality menu: Auto and one entry per level of the master playlist. */
  function levels(hls) {
    const menu = $('quality');
    menu.replaceChildren(new Option('Auto', '-1'));
    hls.levels.forEach((level, index) => {
      const rate = level.bitrate ? ` (${Math.round(level.bitrate / 1000)} kb/s)` : '';
      menu.append(new Option(`${levelName(level, index)}${rate}`, String(index)));
    });
    menu.value = String(hls.manualLevel ?? -1);
  }

  /** A provider that adds renditions after `ready` (the local ladder) gets a fresh master playlist. */
  async function newRenditions(video) {
    const count = (video.renditions || []).length;
    if (!player || !player.hls || count <= player.renditions) return;
    player.renditions = count;
    const element = $('video');
    attach(await playbackUrl(video.id), element.currentTime, !element.paused);
  }

  async function thumbnail(id) {
    try {
      const { url } = await json(`/api/videos/${encodeURIComponent(id)}/thumbnail?width=640`);
      $('video').poster = url;
      $('thumbnail').src = url;
      $('thumbnail').hidden = false;
    } catch {
      // no thumbnail: the player's first frame shows instead
    }
  }

  // The storyboard: a WebVTT file whose cues name tiles of images (url#xywh=x,y,w,h). Asked
  // for once the video says it has one ("storyboard": true; a local one is made after `ready`).
  async function storyboard(id) {
    if (!player || player.storyboard) return;
    player.storyboard = true;
    const response = await api(`/api/videos/${encodeURIComponent(id)}/storyboard?ttl=3600`);
    if (response.status !== 200) {
      player.storyboard = false; // not (yet) after all: the next event asks again
      return;
    }
    try {
      const { url } = await response.json();
      const vtt = await (await fetch(url)).text();
      const cues = parseStoryboard(vtt, url);
      if (cues.length > 0) scrubPreview(cues);
    } catch {
      // the scrub bar still seeks, without pictures
    }
  }

  function seconds(timestamp) {
    const parts = timestamp.trim().split(':').map(Number);
    return parts.reduce((total, part) => total * 60 + part, 0);
  }

  function parseStoryboard(vtt, base) {
    const cues = [];
    const lines = vtt.split(/\r\n|\r|\n/);
    for (let i = 0; i < lines.length; i += 1) {
      const timing = lines[i].match(/^\s*([\d:.]+)\s+-->\s+([\d:.]+)/);
      if (!timing || !lines[i + 1]) continue;
      const target = new URL(lines[i + 1].trim(), base);
      const xywh = target.hash.match(/xywh=(\d+),(\d+),(\d+),(\d+)/);
      target.hash = '';
      cues.push({
        start: seconds(timing[1]), end: seconds(timing[2]), image: target.toString(),
        x: xywh ? Number(xywh[1]) : 0, y: xywh ? Number(xywh[2]) : 0,
        w: xywh ? Number(xywh[3]) : 160, h: xywh ? Number(xywh[4]) : 90,
      });
    }
    return cues;
  }

  function scrubPreview(cues) {
    const bar = $('scrub');
    const preview = $('preview');
    const image = $('preview-image');
    const element = $('video');
    bar.hidden = false;
    bar.dataset.cues = String(cues.length);
    const timeAt = (event) => {
      const box = bar.getBoundingClientRect();
      const fraction = Math.min(Math.max((event.clientX - box.left) / box.width, 0), 1);
      const duration = element.duration || cues[cues.length - 1].end;
      return { time: fraction * duration, left: fraction * box.width };
    };
    bar.onmousemove = (event) => {
      const { time, left } = timeAt(event);
      const cue = cues.find((c) => time >= c.start && time < c.end) || cues[cues.length - 1];
      // CSSOM properties, not a style attribute: the page's CSP allows no inline styles.
      image.style.width = `${cue.w}px`;
      image.style.height = `${cue.h}px`;
      image.style.backgroundImage = `url("${cue.image.replace(/["\\]/g, encodeURIComponent)}")`;
      image.style.backgroundPosition = `-${cue.x}px -${cue.y}px`;
      preview.style.left = `${left}px`;
      $('preview-time').textContent = `${Math.floor(time / 60)}:${String(Math.floor(time % 60)).padStart(2, '0')}`;
      preview.hidden = false;
    };
    bar.onmouseleave = () => { preview.hidden = true; };
    bar.onclick = (event) => { element.currentTime = timeAt(event).time; };
  }

  /** Captions: the API's list as text tracks; subtitle tracks of the playlist come from hls.js. */
  async function captions(id) {
    const response = await api(`/api/videos/${encodeURIComponent(id)}/captions`);
    if (response.status !== 200) return;
    try {
      const { items } = await response.json();
      for (const caption of items.filter((c) => c.status === 'ready' && c.url)) {
        const track = document.createElement('track');
        track.kind = 'subtitles';
        track.srclang = caption.lang;
        track.label = caption.label || caption.lang;
        track.src = caption.url;
        $('video').append(track);
      }
      textTracks();
    } catch {
      // none
    }
  }

  function textTracks() {
    const tracks = [...$('video').textTracks];
    if (tracks.length === 0 || (player?.hls && player.hls.subtitleTracks.length > 0)) return;
    const menu = $('captions');
    menu.replaceChildren(new Option('Off', '-1'));
    tracks.forEach((track, index) => menu.append(new Option(track.label || track.language, String(index))));
    menu.onchange = () => tracks.forEach((track, index) => { track.mode = String(index) === menu.value ? 'showing' : 'disabled'; });
    $('captions-label').hidden = false;
  }

  function subtitleTracks(hls) {
    if (hls.subtitleTracks.length === 0) return;
    const menu = $('captions');
    menu.replaceChildren(new Option('Off', '-1'));
    hls.subtitleTracks.forEach((track, index) => menu.append(new Option(track.name || track.lang, String(index))));
    menu.onchange = () => {
      hls.subtitleTrack = Number(menu.value);
      hls.subtitleDisplay = menu.value !== '-1';
    };
    $('captions-label').hidden = false;
  }

  function closePlayer() {
    player?.hls?.destroy();
    player = null;
    const element = $('video');
    element.removeAttribute('src');
    element.removeAttribute('poster');
    element.querySelectorAll('track').forEach((track) => track.remove());
    $('player').hidden = true;
    $('scrub').hidden = true;
    $('thumbnail').hidden = true;
    $('captions-label').hidden = true;
    $('level').textContent = '';
  }

  // ---- the page ------------------------------------------------------------------------------

  function wire() {
    const drop = $('drop');
    drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      chosen(e.dataTransfer.files[0]);
    });
    $('file').addEventListener('change', (e) => chosen(e.target.files[0]));
    $('quality').addEventListener('change', () => {
      // currentLevel switches at once (the buffer is flushed); -1 is automatic selection again.
      if (player?.hls) player.hls.currentLevel = Number($('quality').value);
    });
    $('forget').addEventListener('click', () => {
      upload?.abort();
      upload = null;
      watching?.abort();
      localStorage.removeItem(STORED_VIDEO);
      shown = null;
      closePlayer();
      $('upload').hidden = true;
      $('video-section').hidden = true;
      $('forget').hidden = true;
      say('');
    });
  }

  /** After a reload: the video this browser was uploading or watching, as it is now. */
  async function restore() {
    const saved = remembered();
    if (!saved) return;
    try {
      const video = await json(`/api/videos/${encodeURIComponent(saved.id)}`);
      show(video);
      if (video.status === 'preparing' && video.upload) {
        $('resume-hint').textContent = `The upload of ${saved.name} stopped when the page was left: drop or choose the same file to go on from where it stopped.`;
        $('resume-hint').hidden = false;
      }
    } catch (e) {
      if (e.status === 404) localStorage.removeItem(STORED_VIDEO);
      else say(`Cannot show the last video: ${e.message}`, true);
    }
  }

  wire();
  restore();
})();
