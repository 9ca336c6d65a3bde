// Package interop writes (and, for the CSV import, reads) the formats of
// other programs: iCalendar for calendars on phones and other calendar
// programs, FHIR R4 for bigger medical systems. It works over data's
// exported API only, never the database, and never imports Fyne: the
// command line and the desk share it, and it is tested without a window.
//
// Every file it makes for people is written by the caller through
// data.WriteOutput (or StreamOutput), so exports are audited like any
// other file that carries patient data away.
package interop
