//go:build !windows

package main

// holdWindow does nothing here: a program double-clicked on macOS runs in
// a Terminal window that stays open once it ends, and elsewhere cls runs
// from a terminal that stays too.
func holdWindow() {}
