-- Chat state that must outlive one `purser serve` process, so that several instances behind one
-- bot answer alike (written and read by dev.purser.bot.chat).

-- The follow-up behind a Discord button: its custom_id carries only `purser:` + id, never the
-- command, so a client cannot forge one and it stays within Discord's 100 characters. Any
-- instance answers a click on a button another one sent, until expires_at.
CREATE TABLE chat_button (
    id         text        PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
    follow_up  jsonb       NOT NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL CHECK (expires_at > created_at)
);
CREATE INDEX chat_button_expires ON chat_button (expires_at);

-- Where each message showing a subject (`plan:7`) was posted, per platform, so a change to the
-- subject updates every copy: Slack chat.update (channel + ts), Discord's message edit
-- (channel + message id). refresh is the follow-up whose reply re-renders the subject.
CREATE TABLE live_message (
    subject    text        NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
    platform   text        NOT NULL CHECK (platform IN ('slack', 'discord')),
    channel    text        NOT NULL,
    message_id text        NOT NULL,
    refresh    jsonb       NOT NULL,
    posted_at  timestamptz NOT NULL,
    PRIMARY KEY (platform, channel, message_id)
);
CREATE INDEX live_message_subject ON live_message (subject);
