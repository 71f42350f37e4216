-- Issue 17, item 4: a campaign whose registered message flow is keyword opt-in ("Text START to join") declares its
-- opt-in keywords (TCR's optinKeywords) and the consent a keyword gives under that flow.
ALTER TABLE tendlc_campaign ADD COLUMN opt_in_keywords text[] NOT NULL DEFAULT '{}';
ALTER TABLE tendlc_campaign ADD COLUMN keyword_opt_in_level text CHECK (keyword_opt_in_level IN ('EXPRESS', 'EXPRESS_WRITTEN'));
