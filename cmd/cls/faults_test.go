package main

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// faults makes a command misbehave according to the name of its
// territory's folder (the folder of --config), so that the tests can show
// what cls does when a build panics, crashes or hangs, whatever the input
// that would cause it: a folder named « panique… » panics in the command,
// « plante… » panics in a goroutine of its own, out of reach of any
// recover (the Go runtime ends the process), « bloque… » never ends,
// « tue… » is killed as the system kills a process out of memory.
func faults(args []string) {
	cfg := "cls.yaml"
	for i, a := range args {
		if a == "--config" && i+1 < len(args) {
			cfg = args[i+1]
		}
		if c, ok := strings.CutPrefix(a, "--config="); ok {
			cfg = c
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
	case strings.HasPrefix(name, "tue"):
		if p, err := os.FindProcess(os.Getpid()); err == nil {
			p.Kill()
		}
		time.Sleep(time.Hour)
	}
}
