package data

import (
	"errors"
	"io/fs"
	"syscall"

	"frontdesk/data/i18n"
)

// The sentences of WriteOutput and StreamOutput are keys of the
// catalogue ("output.error.…"), with the path as Path, the output as What
// and the cause in words as Cause.

// outputError is an EStorage error whose message ends with the cause of
// err in words; args are the message's other name, value pairs.
func outputError(key i18n.Key, err error, args ...any) error {
	cause, ok := osCause(err)
	if !ok {
		cause = i18n.Key("cause.refused")
	}
	return wrapError(EStorage, err, key, append(args, "Cause", cause)...)
}

// writeFailed explains why filling an output failed: a disk that filled
// up or failed is said as such; an error that already speaks to people
// (no practitioner of that name) is kept; anything else is unforeseen.
// what names the output (see Output.name).
func writeFailed(what any, target string, err error) error {
	if _, ok := osCause(err); ok {
		return outputError("output.error.not_written", err, "What", what, "Path", target)
	}
	if !Unforeseen(err) {
		return err
	}
	return wrapError(EInternal, err, "output.error.not_made", "What", what)
}

// osCause says in words what the operating system refused, when err
// carries an operating-system error: a key of the catalogue, or the
// system's own words (a string) for a refusal the catalogue does not name.
func osCause(err error) (any, bool) {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		switch errno {
		case syscall.ENOSPC, syscall.EDQUOT:
			return i18n.Key("cause.disk_full"), true
		case syscall.EROFS:
			return i18n.Key("cause.read_only"), true
		case syscall.EACCES, syscall.EPERM:
			return i18n.Key("cause.permission"), true
		case syscall.EIO:
			return i18n.Key("cause.disk_error"), true
		case syscall.ENOENT:
			return i18n.Key("cause.not_exist"), true
		case syscall.ENOTDIR:
			return i18n.Key("cause.not_folder"), true
		case syscall.EPIPE:
			return i18n.Key("cause.pipe"), true
		}
		return errno.Error(), true // the system's own words (Windows: "There is not enough space on the disk.")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(err, fs.ErrPermission):
			return i18n.Key("cause.permission"), true
		case errors.Is(err, fs.ErrNotExist):
			return i18n.Key("cause.not_exist"), true
		}
		return pe.Err.Error(), true
	}
	return nil, false
}
