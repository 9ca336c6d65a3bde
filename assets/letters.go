package assets

import "embed"

// LetterTemplates holds the default letter templates copied into every
// practice, one file per kind in a folder per language
// (letters/fr/recall.txt): a header of "name:", "subject:" and "to:"
// lines (the recipient may continue on the lines after "to:"), a line
// "---", then the body. Merge fields are written {{full_name}}.
//
//go:embed letters/*/*.txt
var LetterTemplates embed.FS
