//go:build unix

package data

import "syscall"

// folderWritable reports (nil) whether this user may create files in dir,
// without creating one: a read-only disk, or a folder without write
// permission, answers with the system's reason.
func folderWritable(dir string) error {
	return syscall.Access(dir, 0x2) // W_OK
}
