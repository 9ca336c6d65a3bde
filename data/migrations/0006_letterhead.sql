-- The letterhead of the practice's letters, invoices and summaries: the
-- registration and tax numbers, a footer line, and the logo and signature
-- images. Images live in a table of their own, each stored once under the
-- SHA-256 of its bytes and never changed, so a sent letter can name the
-- logo it went out with and reprint it years later.
ALTER TABLE practice ADD COLUMN registration TEXT NOT NULL DEFAULT '';
ALTER TABLE practice ADD COLUMN tax_number TEXT NOT NULL DEFAULT '';
ALTER TABLE practice ADD COLUMN footer TEXT NOT NULL DEFAULT '';
ALTER TABLE practice ADD COLUMN logo_image TEXT NOT NULL DEFAULT '';
ALTER TABLE practice ADD COLUMN signature_image TEXT NOT NULL DEFAULT '';

CREATE TABLE practice_images (
	id         TEXT PRIMARY KEY,  -- SHA-256 of the image's bytes, in hex
	media_type TEXT NOT NULL,     -- image/png or image/jpeg
	width      INTEGER NOT NULL,  -- pixels
	height     INTEGER NOT NULL,
	data       TEXT NOT NULL,     -- the bytes in base64: the change log carries them as JSON text
	deleted    INTEGER NOT NULL DEFAULT 0
);
