-- Events to the web tier (API.md, Events to the web tier): the outbox. A video_event row is
-- written in the transaction of the change it tells of; an event_delivery row per configured
-- endpoint tracks its way there. seq orders one video's events (the video's version after the
-- change). notify_endpoint remembers an endpoint that keeps failing, to leave it alone a while.
CREATE TABLE video_event (
    id          VARCHAR(40)  NOT NULL PRIMARY KEY,
    video_id    VARCHAR(36)  NOT NULL,
    owner_id    VARCHAR(255) NOT NULL,
    seq         BIGINT       NOT NULL,
    type        VARCHAR(64)  NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    body        VARCHAR(20000) NOT NULL
);
CREATE INDEX ix_video_event_video ON video_event (video_id, seq);
CREATE INDEX ix_video_event_time ON video_event (occurred_at);

CREATE TABLE event_delivery (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    event_id        VARCHAR(40)   NOT NULL REFERENCES video_event (id),
    video_id        VARCHAR(36)   NOT NULL,
    seq             BIGINT        NOT NULL,
    type            VARCHAR(64)   NOT NULL,
    endpoint        VARCHAR(2000) NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by      VARCHAR(64),
    claimed_until   TIMESTAMP WITH TIME ZONE,
    last_attempt_at TIMESTAMP WITH TIME ZONE,
    last_status     INTEGER,
    last_error      VARCHAR(500),
    delivered_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_event_delivery_due ON event_delivery (status, next_attempt_at);
CREATE INDEX ix_event_delivery_video ON event_delivery (video_id, endpoint, seq);
CREATE INDEX ix_event_delivery_event ON event_delivery (event_id);
CREATE INDEX ix_event_delivery_created ON event_delivery (created_at);

CREATE TABLE notify_endpoint (
    url             VARCHAR(2000) NOT NULL PRIMARY KEY,
    failing_since   TIMESTAMP WITH TIME ZONE,
    last_success_at TIMESTAMP WITH TIME ZONE,
    suspended_until TIMESTAMP WITH TIME ZONE
);
