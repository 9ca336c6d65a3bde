package data

// Internals that the tests of package data_test need to reach.

// SetAfterPatientFilePart makes fn run between the parts of
// LoadPatientFile until the returned function restores the default.
func SetAfterPatientFilePart(fn func(part string)) (restore func()) {
	old := afterPatientFilePart
	afterPatientFilePart = fn
	return func() { afterPatientFilePart = old }
}
