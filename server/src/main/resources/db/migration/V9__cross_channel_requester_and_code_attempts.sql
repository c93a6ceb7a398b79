-- Who asked for a cross-channel sign-in, as the approving phone is shown it (ADR 0022), and how many
-- wrong codes the phones entered for it: at the limit the request is BURNED.
ALTER TABLE cross_channel_request ADD COLUMN requester_network VARCHAR(128) DEFAULT 'unknown' NOT NULL;
ALTER TABLE cross_channel_request ADD COLUMN requester_location VARCHAR(128) DEFAULT 'unknown' NOT NULL;
ALTER TABLE cross_channel_request ADD COLUMN requester_browser VARCHAR(32) DEFAULT 'unknown' NOT NULL;
ALTER TABLE cross_channel_request ADD COLUMN requester_os VARCHAR(32) DEFAULT 'unknown' NOT NULL;
ALTER TABLE cross_channel_request ADD COLUMN code_failures INTEGER DEFAULT 0 NOT NULL;
