package assets

import "embed"

// Translations holds the desk's words, one JSON file per language
// (en.json, fr.json, es.json) in the format Fyne's lang package reads:
// "key": "text", or "key": {"one": "…", "other": "…"} for plural forms.
// English is the source; data/i18n loads them.
//
//go:embed translations/*.json
var Translations embed.FS
