// Package assets holds the files compiled into the program: the icon,
// the PDF fonts, the translations and (as later work adds them) letter
// templates.
package assets

import _ "embed"

// Icon is the application icon, a 512×512 PNG.
//
//go:embed icon.png
var Icon []byte
