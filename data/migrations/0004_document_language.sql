-- The language of the practice's letters and invoices (en, fr, es),
-- chosen in Settings; each desk's own language is a setting of that
-- computer, not of the practice. Practices set up before it print in
-- English, as they did.
ALTER TABLE practice ADD COLUMN document_language TEXT NOT NULL DEFAULT 'en';
