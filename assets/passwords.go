package assets

import _ "embed"

// CommonPasswords lists, one a line in lower case, the passwords a user
// may not choose because they are among the most used (see
// passwords/SOURCE.md for where the list comes from).
//
//go:embed passwords/common.txt
var CommonPasswords string
