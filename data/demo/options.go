package demo

// Validate refuses options out of range before anything is written: the
// command line calls it before it creates a data folder, so that a
// mistyped number leaves nothing behind.
func (o Options) Validate() error { return o.validate() }
