package data

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
)

// outputMessages are the sentences of WriteOutput and StreamOutput, in
// one place for translation. The last %s of most is the cause in words.
var outputMessages = struct {
	noName, isFolder, notRegular, practiceFile, noFolder, changed, tooManyLinks,
	notWritten, notMade, streamFailed, folder string
}{
	noName:       "Name the file to write.",
	isFolder:     "%s is a folder; name a file to write.",
	notRegular:   "%s is not a file that can be replaced (it is a device, a pipe or a socket); name a regular file.",
	practiceFile: "%s is one of the practice's own files in %s; choose another name. Nothing was written.",
	noFolder:     "The folder of %s cannot be used: %s. Nothing was written.",
	changed:      "%s changed while it was being written; try again.",
	tooManyLinks: "%s leads through too many symbolic links; name the file itself.",
	notWritten:   "%s was not written to %s: %s. Nothing was saved.",
	notMade:      "%s could not be made (an unexpected error); nothing was saved.",
	streamFailed: "%s stopped part-way through on standard output: %s.",
	folder:       "The folder %s cannot be prepared for printouts: %s.",
}

// outputError is an EStorage error whose message ends with the cause of
// err in words.
func outputError(format string, err error, args ...any) error {
	cause, ok := osCause(err)
	if !ok {
		cause = "the system refused"
	}
	return &Error{Code: EStorage, Err: err, Message: fmt.Sprintf(format, append(args, cause)...)}
}

// writeFailed explains why filling an output failed: a disk that filled
// up or failed is said as such; an error that already speaks to people
// (no practitioner of that name) is kept; anything else is unforeseen.
func writeFailed(what, target string, err error) error {
	if _, ok := osCause(err); ok {
		return outputError(outputMessages.notWritten, err, what, target)
	}
	if !Unforeseen(err) {
		return err
	}
	return &Error{Code: EInternal, Err: err, Message: fmt.Sprintf(outputMessages.notMade, what)}
}

// osCause says in words what the operating system refused, when err
// carries an operating-system error.
func osCause(err error) (string, bool) {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		switch errno {
		case syscall.ENOSPC, syscall.EDQUOT:
			return "the disk is full", true
		case syscall.EROFS:
			return "the disk is read-only", true
		case syscall.EACCES, syscall.EPERM:
			return "permission denied", true
		case syscall.EIO:
			return "the disk reported an error", true
		case syscall.ENOENT:
			return "it does not exist", true
		case syscall.ENOTDIR:
			return "part of the path is a file, not a folder", true
		case syscall.EPIPE:
			return "the receiving program stopped reading", true
		}
		return errno.Error(), true // the system's own words (Windows: "There is not enough space on the disk.")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(err, fs.ErrPermission):
			return "permission denied", true
		case errors.Is(err, fs.ErrNotExist):
			return "it does not exist", true
		}
		return pe.Err.Error(), true
	}
	return "", false
}
