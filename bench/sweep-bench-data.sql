-- 1,000,000 videos (and their upload deadlines) for bench/sweep-bench.sh (psql -v total=… -v url=…).
-- i % 10: 0 stale preparing Mux upload (deadline 2 h to 13 days ago); 1-6 ready; 7 errored;
-- 8 expired earlier; 9 preparing but not stale (half fresh, half 30 min past its deadline,
-- within video.expiry.after = 1 h). Providers of the others rotate mux / cloudflare / local.
INSERT INTO video (id, owner_id, title, storage_type, status, upload_id, upload_status, upload_url,
                   upload_protocol, upload_expires_at, ext_id, playback_id, duration_seconds, aspect_ratio,
                   created_at, updated_at, ready_at, version)
SELECT md5('bench' || i)::uuid::text,
       'user-' || (i % 20000),
       CASE WHEN k = 0 THEN 'bench stale' ELSE 'bench ' || i END,
       p,
       CASE WHEN k = 0 OR k = 9 THEN 'PREPARING' WHEN k <= 6 THEN 'READY' WHEN k = 7 THEN 'ERRORED' ELSE 'EXPIRED' END,
       up,
       CASE WHEN k = 0 OR k = 9 THEN 'waiting' WHEN k <= 6 THEN 'complete' WHEN k = 7 THEN 'asset_created' ELSE 'timed_out' END,
       CASE p WHEN 'mux' THEN 'https://storage.googleapis.com/video-storage-us-east1-uploads/' || up
              WHEN 'cloudflare' THEN 'https://upload.videodelivery.net/' || up
              ELSE (:'url' || '/uploads/') || up END,
       CASE p WHEN 'mux' THEN 'put' WHEN 'cloudflare' THEN 'post' ELSE 'tus' END,
       deadline,
       CASE WHEN k BETWEEN 1 AND 7 THEN 'asset' || md5('a' || i) END,
       CASE WHEN k BETWEEN 1 AND 6 THEN md5('p' || i) END,
       CASE WHEN k BETWEEN 1 AND 6 THEN 10 + i % 3600 END,
       CASE WHEN k BETWEEN 1 AND 6 THEN '16:9' END,
       deadline - interval '1 hour',
       deadline - interval '1 hour' + CASE WHEN k BETWEEN 1 AND 8 THEN interval '5 minutes' ELSE interval '0' END,
       CASE WHEN k BETWEEN 1 AND 6 THEN deadline - interval '55 minutes' END,
       CASE WHEN k BETWEEN 1 AND 6 THEN 2 WHEN k IN (7, 8) THEN 1 ELSE 0 END
FROM (SELECT i, k,
             CASE WHEN k = 0 THEN 'mux' ELSE (ARRAY['mux', 'cloudflare', 'local'])[1 + i % 3] END AS p,
             substr(md5('u' || i) || md5('v' || i), 1, 36) AS up,
             CASE WHEN k = 0 THEN now() - interval '2 hours' - i * interval '1 second'
                  WHEN k = 9 AND i % 20 = 9 THEN now() + interval '10 minutes' + (i % 3600) * interval '1 second'
                  WHEN k = 9 THEN now() - interval '30 minutes'
                  ELSE now() - interval '1 day' - i * interval '1 second' END AS deadline
      FROM generate_series(1, :total) AS i, LATERAL (SELECT i % 10 AS k) AS kk) AS g;
-- What the service keeps for every video still waiting for its upload (VideoRepository.insert).
INSERT INTO upload_deadline (video_id, expires_at)
SELECT id, upload_expires_at FROM video WHERE status = 'PREPARING';
