//go:build !windows

package main

import "os"

// isConsole reports whether f is a terminal: a character device other
// than /dev/null, which is one too.
func isConsole(f *os.File) bool {
	fi, err := f.Stat()
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(fi, null)
}
