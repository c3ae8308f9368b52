//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly || illumos

package pipeline

import (
	"errors"
	"os"
	"syscall"
)

// tryLock takes the exclusive lock of f without waiting; it reports false
// when another process (or another open of the file) holds it. flock locks
// belong to the open file description, so two builds in one process, each
// with its own open, exclude each other too.
func tryLock(f *os.File) (bool, error) {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	return err == nil, err
}

// releaseLock removes the lock file and then lets it go: a build waiting
// on the old file sees that it is no longer the one at path and opens the
// new one, so no two builds ever hold a lock at the same path.
func releaseLock(f *os.File, path string) {
	os.Remove(path)
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	f.Close()
}

// syncDir makes a rename or a removal in dir durable: without it, a power
// cut may bring back the old name after the new file's data reached the
// disk. Best effort: some file systems refuse fsync on a folder.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}

// diskFull tells whether err says the disk (or the user's quota) is full.
func diskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}

// readFlags open an existing output for reading without waiting: if it
// was replaced by a FIFO since it was checked, the open returns at once
// and the check of the open file refuses it.
const readFlags = os.O_RDONLY | syscall.O_NONBLOCK
