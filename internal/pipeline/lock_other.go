//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly || illumos || windows)

package pipeline

import (
	"errors"
	"os"
	"syscall"
)

// tryLock always succeeds: this system has no flock. Concurrent builds to
// one output are not serialised here; cls ships for Linux, macOS and
// Windows, which have their own versions of this file.
func tryLock(*os.File) (bool, error) { return true, nil }

// releaseLock removes the lock file and closes it.
func releaseLock(f *os.File, path string) {
	os.Remove(path)
	f.Close()
}

// syncDir makes a rename in dir durable, where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// diskFull tells whether err says the disk is full.
func diskFull(err error) bool { return errors.Is(err, syscall.ENOSPC) }

// readFlags open an existing output for reading without waiting: if it
// was replaced by a FIFO since it was checked, the open returns at once
// and the check of the open file refuses it.
const readFlags = os.O_RDONLY | 0
