package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// isConsole reports whether f is a console window. Windows' NUL is a
// character device too, and os.SameFile cannot tell it from a console, so
// the console itself is asked: only a console has a console mode.
func isConsole(f *os.File) bool {
	var mode uint32
	return windows.GetConsoleMode(windows.Handle(f.Fd()), &mode) == nil
}
