package interop

import "testing"

// What a spreadsheet makes of a phone number is found; a value with any
// other character (a name, a phone number with spaces) is not.
func TestMangledNumber(t *testing.T) {
	for v, want := range map[string]bool{
		"3.3612345678E+10": true, "3,3611223344E+10": true, "33612345678.0": true, "6.12345678e8": true, "-1E+3": true,
		"": false, "06 12 34 56 78": false, "+33612345678": false, "0612345678": false, "Lefèvre": false,
		"1E+10 ": false, "١٢E+10": false, "3.36E+10x": false, "12.5": false, "E+10": false,
	} {
		if got := mangledNumber(v); got != want {
			t.Errorf("mangledNumber(%q) = %v, want %v", v, got, want)
		}
	}
}
