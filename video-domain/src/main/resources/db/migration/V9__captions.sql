-- Captions (WebVTT text tracks) of a video: one per language. The file itself is kept here:
-- Mux fetches it from this service, the local provider serves it, and a video moved to another
-- provider re-adds its captions from it. ref names the version of the track put last (our id,
-- sent to the provider as passthrough), so a provider's report about a replaced version is
-- told apart; track_id is the provider's id of it, once known. 1048576 characters: the API
-- bounds a caption file to 1 MiB, and H2's VARCHAR to exactly that many.
CREATE TABLE caption (
    id           VARCHAR(36)   NOT NULL PRIMARY KEY,
    video_id     VARCHAR(36)   NOT NULL REFERENCES video (id) ON DELETE CASCADE,
    lang         VARCHAR(64)   NOT NULL,
    label        VARCHAR(128)  NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    ref          VARCHAR(36)   NOT NULL,
    track_id     VARCHAR(255),
    error_reason VARCHAR(500),
    web_vtt      VARCHAR(1048576) NOT NULL,
    version      BIGINT        NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_caption_video_lang UNIQUE (video_id, lang),
    CONSTRAINT uq_caption_ref UNIQUE (ref)
);
CREATE INDEX ix_caption_track ON caption (track_id);
