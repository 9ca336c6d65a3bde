package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frontdesk/data"
	"frontdesk/reports"
)

// feeSettings is the Settings section of billing: how the practice is
// paid (bank details, days to pay, the payment QR code on invoices), its
// tax rates (with the exemption wording an exempt rate prints) and its
// fee schedule. Appointment types point at a fee item in their editor.
type feeSettings struct {
	d        *desk
	bank     *deskEntry
	iban     *deskEntry
	bic      *deskEntry
	days     *deskEntry
	qr       *widget.Check
	save     *widget.Button
	result   *widget.Label
	rates    *fyne.Container
	items    *fyne.Container
	addRate  *widget.Button
	addItem  *widget.Button
	loads    *loader[struct{}, feeData]
	loaded   feeData
	content  fyne.CanvasObject
	lastForm *feeForm // the rate or item editor opened last (tests)
}

// feeData is what the section shows.
type feeData struct {
	Settings data.BillingSettings
	Schedule data.FeeSchedule
}

func newFeeSettings(d *desk) *feeSettings {
	w := d.w
	s := &feeSettings{d: d}
	s.loads = newLoader[struct{}, feeData](d, nil)
	s.loads.failed = func(err error) { setText(s.result, w.Error(err), widget.DangerImportance) }
	entry := func() *deskEntry {
		e := newDeskEntry(d.focusSearch)
		e.OnChanged = func(string) { s.check() }
		e.onSubmit = func() { s.doSave() }
		return e
	}
	s.bank, s.iban, s.bic, s.days = entry(), entry(), entry(), entry()
	s.iban.SetPlaceHolder("FR76 3000 6000 0112 3456 7890 189")
	s.qr = widget.NewCheck(w.T("settings.fees.qr"), func(bool) { s.check() })
	s.save = widget.NewButtonWithIcon(w.T("common.save"), theme.DocumentSaveIcon(), func() { s.doSave() })
	s.save.Disable()
	s.result = widget.NewLabel("")
	s.result.Wrapping = fyne.TextWrapWord
	s.rates, s.items = container.NewVBox(quiet(w.T("billing.loading"))), container.NewVBox()
	s.addRate = smallButton(w.T("settings.fees.add_rate"), theme.ContentAddIcon(), func() { s.lastForm = openRateForm(s, nil) })
	s.addItem = smallButton(w.T("settings.fees.add_item"), theme.ContentAddIcon(), func() { s.lastForm = openItemForm(s, nil) })
	form := container.NewVBox(
		container.New(&columns{shares: []float32{0.3, 0.4, 0.3}}, captioned(w.T("billing.field.bank_name"), s.bank),
			captioned(w.T("billing.field.iban"), s.iban), captioned(w.T("billing.field.bic"), s.bic)),
		container.NewBorder(nil, nil, container.NewHBox(captioned(w.T("settings.fees.days"), container.New(&minWidth{w: 90}, s.days)), s.qr),
			nil),
		container.NewBorder(nil, nil, s.save, nil, s.result))
	lists := container.New(&splitColumns{left: 0.42, gap: 24},
		container.NewVBox(sectionHead(w.T("settings.fees.rates"), s.addRate), s.rates),
		container.NewVBox(sectionHead(w.T("settings.fees.items"), s.addItem), s.items))
	s.content = container.NewVBox(subheading(w.T("settings.fees.heading")), form, lists)
	return s
}

// load reads the section again; the bank details typed and not saved are
// kept.
func (s *feeSettings) load() <-chan struct{} {
	store := s.d.store
	return s.loads.load(struct{}{}, func(ctx context.Context) (feeData, error) {
		var fd feeData
		var err error
		if fd.Settings, err = store.BillingSettings(ctx); err != nil {
			return fd, err
		}
		fd.Schedule, err = store.FeeSchedule(ctx)
		return fd, err
	}, s.apply)
}

func (s *feeSettings) apply(fd feeData) {
	w := s.d.w
	if !s.changed() {
		s.reset(fd.Settings)
	}
	s.loaded = fd
	s.check()
	s.rates.Objects = nil
	for i := range fd.Schedule.Rates {
		r := fd.Schedule.Rates[i]
		edit := smallButton(w.T("settings.fees.edit"), theme.DocumentCreateIcon(), func() { s.lastForm = openRateForm(s, &r) })
		name := r.Name
		if !r.Active {
			name += " " + w.T("settings.fees.inactive")
		}
		row := container.New(&columns{shares: []float32{0.55, 0.45}}, truncated(name), truncated(reports.PermilleText(w.Localizer, r.BasisPoints/10)))
		s.rates.Add(container.NewBorder(nil, nil, nil, edit, row))
		if r.ExemptionText != "" {
			s.rates.Add(quiet(hardWrap(r.ExemptionText, 60)))
		}
	}
	if len(fd.Schedule.Rates) == 0 {
		s.rates.Add(quiet(hardWrap(w.T("settings.fees.no_rates"), 60)))
	}
	s.items.Objects = nil
	for i := range fd.Schedule.Items {
		it := fd.Schedule.Items[i]
		edit := smallButton(w.T("settings.fees.edit"), theme.DocumentCreateIcon(), func() { s.lastForm = openItemForm(s, &it) })
		rate, _ := fd.Schedule.Rate(it.TaxRateID)
		desc := it.Description
		if !it.Active {
			desc += " " + w.T("settings.fees.inactive")
		}
		row := container.New(&columns{shares: []float32{0.16, 0.46, 0.18, 0.20}}, truncated(it.Code), truncated(desc),
			truncated(s.d.money(it.Price)), truncated(rate.Name))
		s.items.Add(container.NewBorder(nil, nil, nil, edit, row))
	}
	if len(fd.Schedule.Items) == 0 {
		s.items.Add(quiet(hardWrap(w.T("settings.fees.no_items"), 70)))
	}
	if len(fd.Schedule.Rates) == 0 {
		s.addItem.Disable()
	} else {
		s.addItem.Enable()
	}
	s.content.Refresh()
}

// reset puts saved settings in the fields.
func (s *feeSettings) reset(b data.BillingSettings) {
	s.bank.SetText(b.BankName)
	s.iban.SetText(data.GroupIBAN(b.IBAN))
	s.bic.SetText(b.BIC)
	s.days.SetText(strconv.Itoa(b.PaymentDays))
	s.qr.SetChecked(b.PaymentQR)
}

// draft reads the fields.
func (s *feeSettings) draft() (data.BillingSettings, string) {
	b := s.loaded.Settings
	b.BankName, b.IBAN, b.BIC, b.PaymentQR = s.bank.Text, s.iban.Text, s.bic.Text, s.qr.Checked
	n, err := strconv.Atoi(strings.TrimSpace(s.days.Text))
	if err != nil {
		return b, s.d.w.T("settings.fees.problem.days", "Text", s.days.Text)
	}
	b.PaymentDays = n
	check := b
	if err := check.Validate(); err != nil {
		return b, s.d.w.Error(err)
	}
	return check, ""
}

func (s *feeSettings) changed() bool {
	if s.loaded.Settings.PaymentDays == 0 && s.loaded.Settings.ID == "" && s.days.Text == "" {
		return false // nothing loaded yet
	}
	b, _ := s.draft()
	o := s.loaded.Settings
	return data.CompactIBAN(b.IBAN) != o.IBAN || b.BankName != o.BankName || data.CompactIBAN(b.BIC) != o.BIC ||
		b.PaymentDays != o.PaymentDays || b.PaymentQR != o.PaymentQR
}

// check says what is wrong as the bank details are typed and enables Save.
func (s *feeSettings) check() {
	if s.save == nil {
		return
	}
	_, problem := s.draft()
	if problem != "" {
		setText(s.result, problem, widget.DangerImportance)
	} else if s.result.Importance == widget.DangerImportance {
		setText(s.result, "", widget.LowImportance)
	}
	enable(s.save, problem == "" && s.changed())
}

func (s *feeSettings) doSave() {
	b, problem := s.draft()
	if problem != "" || !s.changed() {
		return
	}
	s.save.Disable()
	s.d.write(func(tx *data.Tx) error { return tx.Save(&b) }, func(err error) {
		setText(s.result, s.d.w.T("common.not_saved", "Why", s.d.w.Error(err)), widget.DangerImportance)
		s.check()
	}, func() <-chan struct{} {
		setText(s.result, s.d.w.T("settings.saved"), widget.SuccessImportance)
		s.loaded.Settings = b
		return s.load()
	})
}

// feeForm edits a tax rate or a fee item in a dialog: Enter saves when
// valid, Escape asks before dropping what was typed.
type feeForm struct {
	s      *feeSettings
	m      *modal
	probs  *widget.Label
	save   *widget.Button
	record func() (data.Record, string) // the record from the fields, or what is wrong
	done   chan struct{}
}

// entry is one field of the form holding text: Escape asks before
// discarding, and every change checks the form again.
func (f *feeForm) entry(text string) *deskEntry {
	e := newDeskEntry(f.s.d.focusSearch)
	e.SetText(text)
	e.onEscape = func() { f.m.escape() }
	e.OnChanged = func(string) { f.check() }
	return e
}

func (f *feeForm) check() {
	if f.save == nil {
		return
	}
	_, problem := f.record()
	showError(f.probs, hardWrap(problem, 80))
	f.m.fit()
	enable(f.save, problem == "")
}

func (f *feeForm) doSave() {
	rec, problem := f.record()
	if problem != "" {
		return
	}
	f.save.Disable()
	d := f.s.d
	d.write(func(tx *data.Tx) error { return tx.Save(rec) }, func(err error) {
		showError(f.probs, hardWrap(d.w.T("common.not_saved", "Why", d.w.Error(err)), 80))
		f.save.Enable()
	}, func() <-chan struct{} {
		f.m.close()
		d.say(d.w.T("settings.fees.said_saved"))
		close(f.done)
		return f.s.load()
	})
}

// showFeeForm lays out a fee form's fields and buttons.
func showFeeForm(f *feeForm, title, question string, first fyne.Focusable, fields ...fyne.CanvasObject) {
	d := f.s.d
	f.probs = fieldError()
	f.done = make(chan struct{})
	f.save = button(d.w.T("common.save"), true, f.doSave)
	body := container.NewVBox(append(fields, f.probs)...)
	f.m = showModal(d.win.Canvas(), title, container.New(&minWidth{w: 520}, body), button(d.w.T("common.cancel"), false, func() { f.m.escape() }), f.save)
	f.m.guardIn(d.w, question, nil)
	f.check()
	d.win.Canvas().Focus(first)
}

// openRateForm adds a tax rate (orig nil) or edits one.
func openRateForm(s *feeSettings, orig *data.TaxRate) *feeForm {
	w := s.d.w
	f := &feeForm{s: s}
	r := data.TaxRate{Active: true}
	if orig != nil {
		r = *orig
	}
	pct := data.Currency{Code: "%", Digits: 2}
	name, rate, exemption := f.entry(r.Name), f.entry(""), f.entry(r.ExemptionText)
	if orig != nil {
		rate.SetText(w.decimalText(strings.TrimSuffix(strings.TrimSuffix(pct.Format(data.Money(r.BasisPoints)), "0"), ".0")))
	}
	rate.SetPlaceHolder("20")
	active := widget.NewCheck(w.T("settings.fees.active"), func(bool) { f.check() })
	active.SetChecked(r.Active)
	f.record = func() (data.Record, string) {
		out := r
		out.Name, out.ExemptionText, out.Active = name.Text, exemption.Text, active.Checked
		bp, err := pct.Parse(strings.TrimSuffix(strings.TrimSpace(rate.Text), "%"))
		if err != nil || strings.TrimSpace(rate.Text) == "" {
			return &out, w.T("settings.fees.problem.rate", "Text", rate.Text)
		}
		out.BasisPoints = int(bp)
		if err := out.Validate(); err != nil {
			return &out, w.Error(err)
		}
		return &out, ""
	}
	title := w.T("settings.fees.rate_new")
	if orig != nil {
		title = w.T("settings.fees.rate_edit")
	}
	showFeeForm(f, title, w.T("settings.fees.discard"), name,
		container.New(&columns{shares: []float32{0.7, 0.3}}, captioned(w.T("tax_rate.field.name"), name),
			captioned(w.T("settings.fees.rate_percent"), rate)),
		captioned(w.T("tax_rate.field.exemption"), exemption),
		quiet(hardWrap(w.T("settings.fees.exemption_hint"), 80)), active)
	return f
}

// openItemForm adds a fee item (orig nil) or edits one.
func openItemForm(s *feeSettings, orig *data.FeeItem) *feeForm {
	w := s.d.w
	cur := s.d.pr.Money()
	f := &feeForm{s: s}
	it := data.FeeItem{Active: true}
	if orig != nil {
		it = *orig
	}
	code, desc, price := f.entry(it.Code), f.entry(it.Description), f.entry("")
	if orig != nil {
		price.SetText(w.amountInput(cur, it.Price))
	}
	price.SetPlaceHolder(w.amountInput(cur, 2500))
	rates := s.loaded.Schedule.Rates
	names := make([]string, len(rates))
	for i, r := range rates {
		names[i] = r.Name + " (" + reports.PermilleText(w.Localizer, r.BasisPoints/10) + ")"
	}
	rate := newDeskSelect(names, func(string) { f.check() })
	if len(rates) > 0 {
		rate.SetSelectedIndex(0)
	}
	for i, r := range rates {
		if r.ID == it.TaxRateID {
			rate.SetSelectedIndex(i)
		}
	}
	active := widget.NewCheck(w.T("settings.fees.active"), func(bool) { f.check() })
	active.SetChecked(it.Active)
	f.record = func() (data.Record, string) {
		out := it
		out.Code, out.Description, out.Active = code.Text, desc.Text, active.Checked
		if i := rate.SelectedIndex(); i >= 0 && i < len(rates) {
			out.TaxRateID = rates[i].ID
		}
		m, err := cur.Parse(price.Text)
		if err != nil || strings.TrimSpace(price.Text) == "" {
			return &out, w.T("settings.fees.problem.price", "Text", price.Text, "Example", w.amountInput(cur, 2500))
		}
		out.Price = m
		if err := out.Validate(); err != nil {
			return &out, w.Error(err)
		}
		return &out, ""
	}
	title := w.T("settings.fees.item_new")
	if orig != nil {
		title = w.T("settings.fees.item_edit")
	}
	showFeeForm(f, title, w.T("settings.fees.discard"), code,
		container.New(&columns{shares: []float32{0.25, 0.75}}, captioned(w.T("fee_item.field.code"), code),
			captioned(w.T("fee_item.field.description"), desc)),
		container.New(&columns{shares: []float32{0.4, 0.6}}, captioned(w.T("settings.fees.price", "Currency", cur.Code), price),
			captioned(w.T("fee_item.field.tax_rate"), rate)),
		active)
	return f
}
