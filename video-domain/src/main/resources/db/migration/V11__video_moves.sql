-- Moves of a video from one provider to another (POST /api/admin/videos/{id}/move, bulk
-- POST /api/admin/move). active_video_id is the video's id while the move is under way and
-- NULL once it is done or failed: its unique constraint is "one active move per video"
-- (a partial unique index would say it more directly, but H2 has none; both databases allow
-- many NULLs in a unique column). The worker on every node claims a due move with a
-- conditional update of claimed_until (a lease), so two nodes never work one move.
-- captions_pending: switched, the video's captions not yet re-added at the new provider (they
-- are before the old asset is deleted). dispose_* is the asset left to delete after the move ended (the old one after a switch,
-- the target's half-made one after a failure), retried until the provider confirms it.
CREATE TABLE video_move (
    id                  VARCHAR(36)  NOT NULL PRIMARY KEY,
    video_id            VARCHAR(36)  NOT NULL,
    active_video_id     VARCHAR(36),
    batch_id            VARCHAR(36),
    from_provider       VARCHAR(32)  NOT NULL,
    to_provider         VARCHAR(32)  NOT NULL,
    state               VARCHAR(24)  NOT NULL,
    source_kind         VARCHAR(16),
    target_upload_id    VARCHAR(255),
    target_asset_id     VARCHAR(255),
    target_renditions   VARCHAR(4000),
    target_download     VARCHAR(16)  NOT NULL,
    target_storyboard   BOOLEAN      NOT NULL,
    reason              VARCHAR(1000),
    attempts            INTEGER      NOT NULL,
    next_attempt_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by          VARCHAR(64),
    claimed_until       TIMESTAMP WITH TIME ZONE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    ingest_started_at   TIMESTAMP WITH TIME ZONE,
    finished_at         TIMESTAMP WITH TIME ZONE,
    captions_pending    BOOLEAN      NOT NULL,
    dispose_state       VARCHAR(16)  NOT NULL,
    dispose_provider    VARCHAR(32),
    dispose_upload_id   VARCHAR(255),
    dispose_asset_id    VARCHAR(255),
    dispose_playback_id VARCHAR(255),
    dispose_attempts    INTEGER      NOT NULL,
    dispose_error       VARCHAR(500),
    version             BIGINT       NOT NULL,
    CONSTRAINT uq_video_move_active UNIQUE (active_video_id)
);
CREATE INDEX ix_video_move_due ON video_move (state, next_attempt_at);
CREATE INDEX ix_video_move_video ON video_move (video_id, created_at);
CREATE INDEX ix_video_move_target ON video_move (to_provider, target_asset_id);
CREATE INDEX ix_video_move_target_upload ON video_move (to_provider, target_upload_id);
CREATE INDEX ix_video_move_created ON video_move (created_at);
CREATE INDEX ix_video_move_dispose ON video_move (dispose_state, next_attempt_at);
