// Package safefile reads the files a build takes as input — cls.yaml,
// workbooks, templates, fonts, logo — refusing what would hang or exhaust
// the process: a FIFO blocks a reader for ever, /dev/zero never ends, and a
// file of several gigabytes named as a template would be read whole.
package safefile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// Limits on what a contract's inputs may weigh: the shipped ones are well
// under a tenth of these.
const (
	TextLimit     = 4 << 20  // a template or cls.yaml
	WorkbookLimit = 32 << 20 // a compressed .xlsx
	FontLimit     = 32 << 20
	ImageLimit    = 16 << 20
)

// Error is a refusal, in French, without the path (callers put the path
// where their messages put it).
type Error struct{ Reason string }

func (e *Error) Error() string { return e.Reason }

// Check tells whether path names a regular file of at most limit bytes,
// following symbolic links. A missing file returns an error satisfying
// errors.Is(err, fs.ErrNotExist).
func Check(path string, limit int64) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	if err := regular(st); err != nil {
		return err
	}
	if st.Size() > limit {
		return &Error{fmt.Sprintf("fichier trop volumineux (%s ; au plus %s attendus)", Size(st.Size()), Size(limit))}
	}
	return nil
}

// regular refuses folders, devices, FIFOs and sockets.
func regular(st fs.FileInfo) error {
	m := st.Mode()
	switch {
	case m.IsRegular():
		return nil
	case m.IsDir():
		return &Error{"c'est un dossier, pas un fichier"}
	case m&fs.ModeNamedPipe != 0:
		return &Error{"c'est un tube nommé (FIFO), pas un fichier ordinaire"}
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return &Error{"c'est un périphérique, pas un fichier ordinaire"}
	case m&fs.ModeSocket != 0:
		return &Error{"c'est une socket, pas un fichier ordinaire"}
	}
	return &Error{"ce n'est pas un fichier ordinaire"}
}

// ReadFile reads a regular file of at most limit bytes. The size is checked
// before reading and enforced while reading, so a file that grows in the
// meantime cannot take more.
func ReadFile(path string, limit int64) ([]byte, error) {
	if err := Check(path, limit); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := regular(st); err != nil { // replaced between Stat and Open
		return nil, err
	}
	// sized for the file as it stands (as os.ReadFile), rather than grown
	// from 512 bytes by doubling: the fonts and workbooks are megabytes
	var buf bytes.Buffer
	buf.Grow(int(min(max(st.Size(), 0), limit)) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, limit+1)); err != nil {
		return nil, err
	}
	b := buf.Bytes()
	if int64(len(b)) > limit {
		return nil, &Error{fmt.Sprintf("fichier trop volumineux (plus de %s)", Size(limit))}
	}
	return b, nil
}

// IsRefusal reports whether err is a refusal of this package rather than a
// file system error.
func IsRefusal(err error) bool {
	var e *Error
	return errors.As(err, &e)
}

// Size writes a byte count for the coordinator: « 12 Mo », « 800 octets ».
func Size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%d Mo", n>>20)
	case n >= 1<<10:
		return fmt.Sprintf("%d ko", n>>10)
	}
	return fmt.Sprintf("%d octets", n)
}
