//go:build windows

package pipeline

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// tryLock takes the exclusive lock of f without waiting; it reports false
// when another handle holds it.
func tryLock(f *os.File) (bool, error) {
	var ol windows.Overlapped
	err := windows.LockFileEx(windows.Handle(f.Fd()), windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
	if errors.Is(err, windows.ERROR_LOCK_VIOLATION) || errors.Is(err, windows.ERROR_IO_PENDING) {
		return false, nil
	}
	return err == nil, err
}

// releaseLock lets the lock go, then removes the lock file. Windows
// refuses to remove a file another build has open (Go opens files without
// FILE_SHARE_DELETE), so the removal only succeeds when nobody waits.
func releaseLock(f *os.File, path string) {
	var ol windows.Overlapped
	windows.UnlockFileEx(windows.Handle(f.Fd()), 0, 1, 0, &ol)
	f.Close()
	os.Remove(path)
}

// syncDir does nothing: Windows cannot flush a folder, and NTFS journals
// its renames.
func syncDir(string) {}

// diskFull tells whether err says the disk is full.
func diskFull(err error) bool {
	return errors.Is(err, windows.ERROR_DISK_FULL) || errors.Is(err, windows.ERROR_HANDLE_DISK_FULL)
}

// readFlags open an existing output for reading without waiting: if it
// was replaced by a FIFO since it was checked, the open returns at once
// and the check of the open file refuses it.
const readFlags = os.O_RDONLY | 0
