-- This device's standing in the practice's sync folder, its own
-- bookkeeping like the tables of 0011 (none of it travels).

-- While a row is here this device hands out no numbers (chart and invoice
-- numbers): a device that joined the practice has claimed a series letter
-- that no other device held as far as it could see, but two devices that
-- joined while apart may have claimed the same one. The hold is lifted
-- once every other device has acknowledged the letter (sync, package
-- data/sync), and set again with reason "clash" when another device is
-- found holding the same letter.
CREATE TABLE sync_hold (
	singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
	reason    TEXT NOT NULL, -- a code: unconfirmed, clash
	since     TEXT NOT NULL
);
