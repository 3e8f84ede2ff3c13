-- What exists of a video besides its playback (MediaInventory): the renditions made so far
-- (a JSON array, read and written with the video, never queried), the MP4 download's state
-- and whether a storyboard can be had.
ALTER TABLE video ADD COLUMN renditions VARCHAR(4000);
ALTER TABLE video ADD COLUMN download_state VARCHAR(16) DEFAULT 'NONE' NOT NULL;
ALTER TABLE video ADD COLUMN storyboard BOOLEAN DEFAULT FALSE NOT NULL;

-- Mux and Cloudflare videos that were ready before: Mux has a storyboard of every ready
-- asset and Cloudflare's is composed from its thumbnails, so both can be had at once.
UPDATE video SET storyboard = TRUE WHERE status = 'READY' AND storage_type IN ('mux', 'cloudflare');
