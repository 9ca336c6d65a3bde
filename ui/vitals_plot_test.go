package ui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
)

// shownText is what a label draws, line after line, as rendered: a
// label cut short shows "…" here, not in its Text.
func shownText(l *widget.Label) string {
	var lines []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch x := o.(type) {
		case *canvas.Text:
			lines = append(lines, x.Text)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(l)
	return strings.Join(lines, " ")
}

// plotTexts are the texts the plot draws.
func plotTexts(p *vitalsPlot) []string {
	var out []string
	for _, o := range test.WidgetRenderer(p).Objects() {
		if t, ok := o.(*canvas.Text); ok {
			out = append(out, t.Text)
		}
	}
	return out
}

// The weight plot: its caption shown whole, dates along the axis, the
// healthy weight for the patient's height as its band (not 2–200 kg),
// and the value and date of a reading when it is pointed at or tapped.
func TestVitalsPlotSaysWhatItShows(t *testing.T) {
	s, f := fixtureStore(t)
	first := time.Now().Add(-200 * 24 * time.Hour).Truncate(time.Second)
	mustUpdate(t, s, func(tx *data.Tx) error {
		for i, kg := range []int{700, 705, 712, 698, 690, 684} {
			v := data.Vital{PatientID: f.dupont.ID, Kind: data.VitalWeight, Taken: first.Add(time.Duration(i) * 40 * 24 * time.Hour), Value: kg}
			if err := tx.Save(&v); err != nil {
				return err
			}
		}
		v := data.Vital{PatientID: f.dupont.ID, Kind: data.VitalHeight, Taken: first, Value: 1700}
		return tx.Save(&v)
	})
	h := newHarness(t, s)
	file := openFile(h, "dupont")
	h.wait(file.showTab(tabClinical))
	tab := file.clinical
	test.Tap(tab.kindBtn[data.VitalWeight])
	cap := tab.caption.Text
	if !strings.Contains(cap, "healthy weight for 170.0 cm: 53.5–72.3 kg") || strings.Contains(cap, "200.0") {
		t.Errorf("the caption says %q", cap)
	}
	if shown := shownText(tab.caption); strings.Contains(shown, "…") || !strings.Contains(shown, "last 68.4 kg on") {
		t.Errorf("the caption is cut off: %q", shown)
	}
	plot := tab.plot
	if len(plot.bands) != 1 || plot.bands[0].r != (data.Range{Min: 535, Max: 723}) {
		t.Errorf("the band: %+v", plot.bands)
	}
	plot.Resize(fyne.NewSize(620, 260))
	dates := 0
	dateRE := regexp.MustCompile(`^\d\d/\d\d/\d{4}$`)
	for _, s := range plotTexts(plot) {
		if dateRE.MatchString(s) {
			dates++
		}
	}
	if dates < 4 {
		t.Errorf("%d dates along 200 days: %q", dates, plotTexts(plot))
	}
	// Pointing at the third reading shows its value and date.
	third := plot.points[2]
	want := "71.2 kg · " + h.desk().pr.DateFormat.Format(data.DateOf(third.Taken.In(h.desk().pr.Location())))
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(plot).Add(fyne.NewPos(plot.xOf(2, plot.Size().Width)+3, plot.Size().Height/2))
	test.MoveMouse(h.win.Canvas(), at)
	if !containsPrefix(plotTexts(plot), want) {
		t.Errorf("pointing at a reading shows %q, want %q…", plotTexts(plot), want)
	}
	test.MoveMouse(h.win.Canvas(), fyne.NewPos(2, 2))
	if containsPrefix(plotTexts(plot), want) {
		t.Error("the reading's box stays once the mouse left")
	}
	test.TapAt(plot, fyne.NewPos(plot.xOf(5, plot.Size().Width)-2, 20))
	if !containsPrefix(plotTexts(plot), "68.4 kg · ") {
		t.Errorf("tapping a reading shows %q", plotTexts(plot))
	}
	// Blood pressure: a band for each of its values.
	bands, words := usualBands(englishWords, mustKind(data.VitalBP), f.dupont.BirthDate, h.desk().today(), 0)
	if len(bands) != 2 || !strings.Contains(words, "90–140 over 60–90 mmHg") {
		t.Errorf("blood pressure bands %+v, %q", bands, words)
	}
	// A child gets no adult band.
	if bands, words := usualBands(englishWords, mustKind(data.VitalPulse), h.desk().today().AddDays(-400), h.desk().today(), 0); bands != nil || !strings.Contains(words, "child") {
		t.Errorf("a child's pulse: %+v %q", bands, words)
	}
}

func containsPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}

func mustKind(code string) data.VitalKind {
	k, _ := data.KindOf(code)
	return k
}
