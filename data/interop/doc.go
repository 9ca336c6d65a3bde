// Package interop reads and writes the formats of other programs: the
// CSV files of patients that spreadsheets and former practice software
// export come in through csv_*.go; iCalendar for calendars on phones and
// other calendar programs, and FHIR R4 for bigger medical systems, go
// out. It works over data's exported API only, never the database, and
// never imports Fyne (DESIGN §1 puts it in interop/; it sits under data/
// because the top level of the tree is fixed): the command line and the
// desk share it, and it is tested without a window.
//
// Every file it makes for people is written by the caller through
// data.WriteOutput (or StreamOutput), so exports are audited like any
// other file that carries patient data away.
package interop
