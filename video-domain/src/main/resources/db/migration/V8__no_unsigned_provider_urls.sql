-- Mux and Cloudflare videos made ready before the providers stopped reporting their plain URLs
-- for signed playback kept those URLs (thumbnail, ext_url), which the providers refuse when
-- playback is signed. Which videos were public is not known here, so all are cleared; the API
-- signs thumbnails on request (/api/videos/{id}/thumbnail), and a public video's plain URLs
-- come back with its next report (an admin sync).
UPDATE video SET thumbnail = NULL, ext_url = NULL WHERE storage_type IN ('mux', 'cloudflare');
