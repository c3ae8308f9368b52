package main

import (
	"path/filepath"
	"strings"
	"time"
)

// faults makes a command misbehave according to the name of its
// territory's folder (the folder of --config), so that the tests can show
// what cls does when a build panics, crashes or hangs, whatever the input
// that would cause it: a folder named « panique… » panics in the command,
// « plante… » panics in a goroutine of its own, out of reach of any
// recover (the Go runtime ends the process), « bloque… » never ends.
func faults(args []string) {
	cfg := "cls.yaml"
	for i, a := range args {
		if a == "--config" && i+1 < len(args) {
			cfg = args[i+1]
		}
	}
	switch name := filepath.Base(filepath.Dir(cfg)); {
	case strings.HasPrefix(name, "panique"):
		var fiches []string
		_ = fiches[3] // index out of range, as a real bug would
	case strings.HasPrefix(name, "plante"):
		done := make(chan struct{})
		go func() { panic("boum dans une goroutine") }()
		<-done
	case strings.HasPrefix(name, "bloque"):
		time.Sleep(time.Hour)
	}
}
