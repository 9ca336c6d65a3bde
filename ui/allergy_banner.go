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
func allergyText(list []data.Allergy) (string, widget.Importance) {
	state, real := data.AllergyState(list)
	switch state {
	case data.AllergiesNoneKnown:
		return "No known allergies", widget.SuccessImportance
	case data.AllergiesNotRecorded:
		return "Allergies not recorded: ask the patient", widget.WarningImportance
	}
	parts := make([]string, len(real))
	for i, a := range real {
		p := a.Substance
		var detail []string
		if a.Severity != data.SeverityUnknown {
			detail = append(detail, a.Severity)
		}
		if a.Reaction != "" {
			detail = append(detail, a.Reaction)
		}
		if len(detail) > 0 {
			p += " (" + strings.Join(detail, ": ") + ")"
		}
		parts[i] = p
	}
	return "ALLERGIES: " + strings.Join(parts, " · "), widget.DangerImportance
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
	bg    *canvas.Rectangle
	icon  *widget.Icon
	label *widget.Label
	body  fyne.CanvasObject
}

func newAllergyBannerView() *allergyBannerView {
	b := &allergyBannerView{bg: canvas.NewRectangle(barColour), icon: widget.NewIcon(theme.WarningIcon()), label: widget.NewLabel("Allergies: loading…")}
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
	text, imp := allergyText(list)
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
// booking dialog): it reads the allergies in the background and returns
// through the desk's do, so it never blocks the UI goroutine. The
// channel is closed once the banner shows the patient's state.
func allergyBanner(d *desk, patientID string) (*allergyBannerView, <-chan struct{}) {
	b := newAllergyBannerView()
	store := d.store
	done := background(d.do, func() ([]data.Allergy, error) { return store.Allergies(context.Background(), patientID) },
		func(list []data.Allergy, err error) {
			if err != nil {
				b.show("Allergies could not be read: "+data.ErrorMessage(err), widget.DangerImportance)
				return
			}
			b.set(list)
		})
	return b, done
}
