package data

import "time"

// nowFunc is the wall clock; tests of date rules replace it.
var nowFunc = time.Now
