package ui

import (
	"context"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// allergyText sums a patient's allergy list up in one line, as the
// banner and the booking dialog show it, with the importance that
// colours it (the words say it too: never colour alone).
func allergyText(w words, list []data.Allergy) (string, widget.Importance) {
	state, real := data.AllergyState(list)
	switch state {
	case data.AllergiesNoneKnown:
		return w.T("allergy.banner.none_known"), widget.SuccessImportance
	case data.AllergiesNotRecorded:
		return w.T("allergy.banner.not_recorded"), widget.WarningImportance
	}
	parts := make([]string, len(real))
	for i, a := range real {
		p := a.Substance
		known := a.Severity != data.SeverityUnknown
		switch {
		case known && a.Reaction != "":
			p += " (" + w.T("allergy.banner.detail", "Severity", w.severity(a.Severity), "Reaction", a.Reaction) + ")"
		case known:
			p += " (" + w.severity(a.Severity) + ")"
		case a.Reaction != "":
			p += " (" + a.Reaction + ")"
		}
		parts[i] = p
	}
	return w.T("allergy.banner.list", "List", strings.Join(parts, " · ")), widget.DangerImportance
}

// bannerBackground is the soft background of each state.
func bannerBackground(imp widget.Importance) color.Color {
	switch imp {
	case widget.DangerImportance:
		return color.NRGBA{R: 0xfd, G: 0xe8, B: 0xe6, A: 0xff}
	case widget.SuccessImportance:
		return color.NRGBA{R: 0xe8, G: 0xf4, B: 0xe9, A: 0xff}
	case widget.WarningImportance:
		return color.NRGBA{R: 0xfd, G: 0xf3, B: 0xdc, A: 0xff}
	}
	return barColour
}

// allergyBannerView is the banner: a coloured band with an icon and the
// line of allergyText. It is shown on the patient file (every tab) and,
// through allergyBanner, on the booking dialog.
type allergyBannerView struct {
	widget.BaseWidget
	w     words
	bg    *canvas.Rectangle
	icon  *widget.Icon
	label *widget.Label
	body  fyne.CanvasObject
}

func newAllergyBannerView(w words) *allergyBannerView {
	b := &allergyBannerView{w: w, bg: canvas.NewRectangle(barColour), icon: widget.NewIcon(theme.WarningIcon()),
		label: widget.NewLabel(w.T("allergy.banner.loading"))}
	b.bg.CornerRadius = 4
	b.label.TextStyle.Bold = true
	b.label.Truncation = fyne.TextTruncateEllipsis
	b.label.Importance = widget.LowImportance
	b.body = container.NewStack(b.bg, container.New(layout.NewCustomPaddedLayout(0, 0, 6, 6),
		container.NewBorder(nil, nil, b.icon, nil, b.label)))
	b.ExtendBaseWidget(b)
	return b
}

func (b *allergyBannerView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(b.body)
}

// set shows a patient's list.
func (b *allergyBannerView) set(list []data.Allergy) {
	text, imp := allergyText(b.w, list)
	b.show(text, imp)
}

func (b *allergyBannerView) show(text string, imp widget.Importance) {
	setText(b.label, text, imp)
	b.bg.FillColor = bannerBackground(imp)
	b.bg.Refresh()
	switch imp {
	case widget.SuccessImportance:
		b.icon.SetResource(theme.ConfirmIcon())
	case widget.DangerImportance:
		b.icon.SetResource(theme.ErrorIcon())
	default:
		b.icon.SetResource(theme.WarningIcon())
	}
}

// Text is what the banner says, for tests and for people reading it aloud.
func (b *allergyBannerView) Text() string { return b.label.Text }

// allergyBanner is the banner of one patient for another screen (the
// booking dialog), in the desk's language: it reads the allergies in the
// background and returns through the desk's do, so it never blocks the
// UI goroutine. The channel is closed once the banner shows the
// patient's state.
func allergyBanner(d *desk, patientID string) (*allergyBannerView, <-chan struct{}) {
	b := newAllergyBannerView(d.w)
	if !d.can(data.RightAllergiesRead) {
		b.Hide() // not the user's to see
		return b, closed()
	}
	store := d.store
	done := background(d.do, func() ([]data.Allergy, error) { return store.Allergies(context.Background(), patientID) },
		func(list []data.Allergy, err error) {
			if err != nil {
				b.show(b.w.T("allergy.banner.unreadable", "Why", b.w.Error(err)), widget.DangerImportance)
				return
			}
			b.set(list)
		})
	return b, done
}
