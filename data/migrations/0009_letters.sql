-- Letters and correspondence: the practice's templates with merge
-- fields, the letters written from them, and the call log.

CREATE TABLE letter_templates (
	id        TEXT PRIMARY KEY,
	name      TEXT NOT NULL,
	kind      TEXT NOT NULL DEFAULT 'other', -- referral, recall, confirmation, certificate, to_whom, other
	language  TEXT NOT NULL DEFAULT 'en',
	subject   TEXT NOT NULL DEFAULT '',
	recipient TEXT NOT NULL DEFAULT '',
	body      TEXT NOT NULL,
	active    INTEGER NOT NULL DEFAULT 1,
	deleted   INTEGER NOT NULL DEFAULT 0
);

-- A draft holds the text with its merge fields; a sent letter holds the
-- exact text and letterhead it went out with and never changes again.
CREATE TABLE letters (
	id              TEXT PRIMARY KEY,
	patient_id      TEXT NOT NULL REFERENCES patients(id),
	template_id     TEXT,                 -- NULL once written from no template
	template_name   TEXT NOT NULL DEFAULT '',
	practitioner_id TEXT REFERENCES practitioners(id),
	language        TEXT NOT NULL DEFAULT 'en',
	letter_date     TEXT NOT NULL,        -- YYYY-MM-DD, the date printed on it
	subject         TEXT NOT NULL DEFAULT '',
	recipient       TEXT NOT NULL DEFAULT '',
	body            TEXT NOT NULL DEFAULT '',
	reason          TEXT NOT NULL DEFAULT '',
	status          TEXT NOT NULL DEFAULT 'draft', -- draft, sent
	sent_how        TEXT NOT NULL DEFAULT '',      -- print, pdf, email
	sent_utc        INTEGER,
	letterhead      TEXT NOT NULL DEFAULT '',      -- JSON snapshot, once sent
	signer          TEXT NOT NULL DEFAULT '',      -- the name under the signature, once sent
	author          TEXT NOT NULL DEFAULT '',
	created_utc     INTEGER NOT NULL,
	deleted         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX letters_patient ON letters(patient_id, letter_date);
CREATE INDEX letters_date ON letters(letter_date);

-- The call log: calls and messages, in or out, with a follow-up date.
CREATE TABLE calls (
	id             TEXT PRIMARY KEY,
	patient_id     TEXT NOT NULL REFERENCES patients(id),
	at_utc         INTEGER NOT NULL,
	direction      TEXT NOT NULL,          -- in, out
	kind           TEXT NOT NULL DEFAULT 'call', -- call, message
	who            TEXT NOT NULL DEFAULT '',     -- who called or was called
	summary        TEXT NOT NULL DEFAULT '',
	follow_up      TEXT,                   -- YYYY-MM-DD, NULL for none
	follow_up_done INTEGER NOT NULL DEFAULT 0,
	author         TEXT NOT NULL DEFAULT '',
	deleted        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX calls_patient ON calls(patient_id, at_utc);
CREATE INDEX calls_follow_up ON calls(follow_up) WHERE follow_up IS NOT NULL AND follow_up_done = 0;
