package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// deskTheme is Fyne's light theme made denser and calmer: darker text for
// contrast, a readable grey for secondary and cancelled text, and one
// accent colour (a muted blue) for selection, focus and primary buttons.
// The desk is always light: a secretary's screen next to paper forms.
type deskTheme struct{}

var (
	accent       = color.NRGBA{R: 0x1f, G: 0x5f, B: 0x8b, A: 0xff}
	accentSoft   = color.NRGBA{R: 0x1f, G: 0x5f, B: 0x8b, A: 0x24}
	accentFocus  = color.NRGBA{R: 0x1f, G: 0x5f, B: 0x8b, A: 0x66}
	ink          = color.NRGBA{R: 0x1e, G: 0x23, B: 0x2a, A: 0xff}
	inkSecondary = color.NRGBA{R: 0x6a, G: 0x71, B: 0x7b, A: 0xff}
	railColour   = color.NRGBA{R: 0xf1, G: 0xf3, B: 0xf5, A: 0xff}
	barColour    = color.NRGBA{R: 0xf7, G: 0xf8, B: 0xf9, A: 0xff}
	lineColour   = color.NRGBA{R: 0xd9, G: 0xdd, B: 0xe2, A: 0xff}
)

func (deskTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		return accent
	case theme.ColorNameFocus:
		return accentFocus
	case theme.ColorNameSelection:
		return accentSoft
	case theme.ColorNameForeground:
		return ink
	case theme.ColorNameDisabled, theme.ColorNamePlaceHolder:
		return inkSecondary
	case theme.ColorNameButton:
		return color.NRGBA{R: 0xe9, G: 0xec, B: 0xef, A: 0xff}
	case theme.ColorNameDisabledButton:
		return color.NRGBA{R: 0xf1, G: 0xf2, B: 0xf4, A: 0xff}
	case theme.ColorNameInputBackground:
		return color.NRGBA{R: 0xfb, G: 0xfb, B: 0xfc, A: 0xff}
	case theme.ColorNameInputBorder:
		return color.NRGBA{R: 0xc5, G: 0xcb, B: 0xd3, A: 0xff}
	case theme.ColorNameSeparator:
		return lineColour
	case theme.ColorNameHeaderBackground:
		return barColour
	case theme.ColorNameError:
		return color.NRGBA{R: 0xb4, G: 0x23, B: 0x18, A: 0xff}
	case theme.ColorNameSuccess:
		return color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff}
	case theme.ColorNameWarning:
		return color.NRGBA{R: 0x9a, G: 0x5b, B: 0x00, A: 0xff}
	}
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}

func (deskTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (deskTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (deskTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 13
	case theme.SizeNameInnerPadding:
		return 6
	case theme.SizeNameInlineIcon:
		return 18
	case theme.SizeNameHeadingText:
		return 18
	case theme.SizeNameSubHeadingText:
		return 15
	case theme.SizeNameCaptionText:
		return 11
	}
	return theme.DefaultTheme().Size(n)
}
