package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// valueFlags are the flags of every command that take a value: splitCommand
// must skip their values when it looks for the command name.
var valueFlags = map[string]bool{
	"data": true, "screenshots": true, "patients": true, "days": true,
	"practitioners": true, "seed": true, "o": true, "practitioner": true, "lang": true,
	"from": true, "to": true, "patient": true,
	"date-order": true, "folder": true, "name": true,
}

// splitCommand finds the command name (the first argument that is neither
// a flag nor a flag's value) and returns the other arguments, so that
// flags may stand before the command too: "frontdesk --data D check".
func splitCommand(args []string) (string, []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			break
		}
		if strings.HasPrefix(a, "-") {
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") && valueFlags[name] {
				i++ // skip the value
			}
			continue
		}
		rest := append(append([]string{}, args[:i]...), args[i+1:]...)
		return a, rest
	}
	return "", args
}

// parseOnlyFlags is parseFlags for commands without positional arguments.
func parseOnlyFlags(cmd string, args []string, define ...func(fs *flag.FlagSet)) error {
	pos, err := parseFlags(cmd, args, define...)
	if err == nil && len(pos) > 0 {
		err = usageError{fmt.Sprintf("unexpected argument %q", pos[0])}
	}
	return err
}

// parseFlags parses args with the flags that define adds, accepting flags
// after positional arguments ("daylist pdf 2026-11-25 -o day.pdf"):
// Go's flag package stops at the first positional argument, so parsing
// resumes after each one. It returns the positional arguments.
func parseFlags(cmd string, args []string, define ...func(fs *flag.FlagSet)) ([]string, error) {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard) // run prints usage once, with the error
	for _, d := range define {
		d(fs)
	}
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if err == flag.ErrHelp {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
