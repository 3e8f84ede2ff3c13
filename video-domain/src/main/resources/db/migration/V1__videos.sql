-- Videos and the provider events applied to them. Portable SQL for H2 and PostgreSQL.
CREATE TABLE video (
    id                VARCHAR(36)   NOT NULL PRIMARY KEY,
    owner_id          VARCHAR(255)  NOT NULL,
    title             VARCHAR(500),
    storage_type      VARCHAR(32)   NOT NULL,
    status            VARCHAR(16)   NOT NULL,
    upload_id         VARCHAR(255)  NOT NULL,
    upload_status     VARCHAR(32)   NOT NULL,
    upload_url        VARCHAR(2048) NOT NULL,
    upload_protocol   VARCHAR(8)    NOT NULL,
    upload_expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ext_id            VARCHAR(255),
    ext_url           VARCHAR(2048),
    playback_id       VARCHAR(255),
    thumbnail         VARCHAR(2048),
    duration_seconds  DOUBLE PRECISION,
    aspect_ratio      VARCHAR(16),
    error_reason      VARCHAR(1000),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    ready_at          TIMESTAMP WITH TIME ZONE,
    version           BIGINT        NOT NULL
);

CREATE UNIQUE INDEX ux_video_upload ON video (storage_type, upload_id);
CREATE INDEX ix_video_ext ON video (storage_type, ext_id);
CREATE INDEX ix_video_owner_created ON video (owner_id, created_at, id);
CREATE INDEX ix_video_status_expiry ON video (status, upload_expires_at);

-- One row per provider event seen: a repeat delivery finds its key and is not applied twice.
CREATE TABLE provider_event (
    provider    VARCHAR(32)  NOT NULL,
    event_key   VARCHAR(255) NOT NULL,
    video_id    VARCHAR(36),
    outcome     VARCHAR(16)  NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (provider, event_key)
);
