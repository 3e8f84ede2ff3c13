-- Every webhook delivery's fate, for operators: accepted, duplicate, unmatched or rejected
-- with the reason. Never the body (it may hold customer data) and never a header.
CREATE TABLE webhook_receipt (
    id          VARCHAR(36)  NOT NULL PRIMARY KEY,
    provider    VARCHAR(32)  NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome     VARCHAR(16)  NOT NULL,
    reason      VARCHAR(255),
    event_key   VARCHAR(255),
    video_id    VARCHAR(36)
);
CREATE INDEX ix_webhook_receipt_received ON webhook_receipt (received_at);
