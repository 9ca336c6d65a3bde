-- Booking: days off, status times, recurring series, waitlist, recalls.
-- Every table is practice data: text UUIDv7 keys, a "deleted" tombstone,
-- changed only through the write path (data/write.go).

-- Days nobody (practitioner_id NULL: a public holiday, the practice
-- closed) or one practitioner (leave, training) sees patients. Whole days,
-- first_day to last_day inclusive, as YYYY-MM-DD on the practice clock.
CREATE TABLE days_off (
	id              TEXT PRIMARY KEY,
	practitioner_id TEXT REFERENCES practitioners(id),
	first_day       TEXT NOT NULL,
	last_day        TEXT NOT NULL,
	kind            TEXT NOT NULL,   -- holiday, leave, training, sick, other
	reason          TEXT NOT NULL DEFAULT '',
	deleted         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX days_off_last_day ON days_off(last_day);

-- A recurring series is a rule; its occurrences are ordinary rows of
-- appointments (series_id, series_day), made when the series is created or
-- changed, so that the calendar, clashes, statuses and exports see them
-- like any booking and each can become an exception.
CREATE TABLE appointment_series (
	id              TEXT PRIMARY KEY,
	practitioner_id TEXT NOT NULL REFERENCES practitioners(id),
	patient_id      TEXT REFERENCES patients(id),
	type_id         TEXT REFERENCES appointment_types(id),
	first_day       TEXT NOT NULL,     -- YYYY-MM-DD, the first occurrence
	start_min       INTEGER NOT NULL,  -- wall time on the practice clock
	end_min         INTEGER NOT NULL,
	time_zone       TEXT NOT NULL,
	freq            TEXT NOT NULL,     -- daily, weekly, monthly_day, monthly_weekday
	every           INTEGER NOT NULL,  -- every N days, weeks or months
	month_day       INTEGER NOT NULL DEFAULT 0, -- monthly_day: 1..31 (the last day in shorter months)
	week_of_month   INTEGER NOT NULL DEFAULT 0, -- monthly_weekday: 1..4, or -1 for the last
	until_day       TEXT,              -- last day an occurrence may fall on, or NULL
	count           INTEGER NOT NULL DEFAULT 0, -- number of occurrences, or 0
	notes           TEXT NOT NULL DEFAULT '',
	deleted         INTEGER NOT NULL DEFAULT 0
);

-- The series an appointment belongs to, the day the rule gave it (its
-- recurrence ID, kept when the occurrence is moved), and whether it was
-- changed on its own (an exception, which edits of the series leave alone).
ALTER TABLE appointments ADD COLUMN series_id TEXT REFERENCES appointment_series(id);
ALTER TABLE appointments ADD COLUMN series_day TEXT;
ALTER TABLE appointments ADD COLUMN series_exception INTEGER NOT NULL DEFAULT 0;
CREATE INDEX appointments_series ON appointments(series_id, series_day) WHERE series_id IS NOT NULL;

-- When each status of the visit was reached: Unix seconds, 0 = not (or no
-- longer) reached. The audit log keeps every change; these columns serve the
-- waiting room ("waiting 12 min") and reports.
ALTER TABLE appointments ADD COLUMN booked_at    INTEGER NOT NULL DEFAULT 0;
ALTER TABLE appointments ADD COLUMN confirmed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE appointments ADD COLUMN arrived_at   INTEGER NOT NULL DEFAULT 0;
ALTER TABLE appointments ADD COLUMN in_room_at   INTEGER NOT NULL DEFAULT 0;
ALTER TABLE appointments ADD COLUMN done_at      INTEGER NOT NULL DEFAULT 0;
ALTER TABLE appointments ADD COLUMN no_show_at   INTEGER NOT NULL DEFAULT 0;
ALTER TABLE appointments ADD COLUMN cancelled_at INTEGER NOT NULL DEFAULT 0;

-- The recall list asks, per patient and type, for the last visit done.
CREATE INDEX appointments_done_by_type ON appointments(type_id, patient_id, start_local)
	WHERE status = 'done' AND deleted = 0;

-- A check-up interval per appointment type (0: no recall).
ALTER TABLE appointment_types ADD COLUMN recall_months INTEGER NOT NULL DEFAULT 0;

-- A check-up interval per patient, optionally for one type of visit.
CREATE TABLE recalls (
	id              TEXT PRIMARY KEY,
	patient_id      TEXT NOT NULL REFERENCES patients(id),
	type_id         TEXT REFERENCES appointment_types(id),
	interval_months INTEGER NOT NULL,
	reason          TEXT NOT NULL DEFAULT '',
	active          INTEGER NOT NULL DEFAULT 1,
	deleted         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX recalls_patient ON recalls(patient_id);

-- Patients who would take an earlier slot: offered when one frees up.
CREATE TABLE waitlist (
	id              TEXT PRIMARY KEY,
	patient_id      TEXT NOT NULL REFERENCES patients(id),
	practitioner_id TEXT REFERENCES practitioners(id), -- NULL: any practitioner
	type_id         TEXT REFERENCES appointment_types(id),
	appointment_id  TEXT REFERENCES appointments(id),   -- the booking an earlier slot would replace
	before_day      TEXT NOT NULL,   -- a slot must be before this day
	notes           TEXT NOT NULL DEFAULT '',
	status          TEXT NOT NULL DEFAULT 'waiting',   -- waiting, booked, removed
	added_at        INTEGER NOT NULL,
	deleted         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX waitlist_status ON waitlist(status, before_day);
