package pipeline

import (
	"errors"
	"fmt"
)

// ErrBusy is what a refusal to write an output that another cls process
// is writing wraps: a caller (a script running builds in turn) may test
// it with errors.Is and try again later.
var ErrBusy = errors.New("sortie en cours d'écriture par un autre cls")

// causedError is a French message for the coordinator about a failure
// that has a cause in Go terms. The message says it in French and whole
// (the cause is described in it, not appended in English); the cause
// stays reachable by errors.Is and errors.As (fs.ErrPermission,
// syscall.ENOSPC, *fs.PathError…) for callers and tests.
type causedError struct {
	msg   string
	cause error
}

func (e *causedError) Error() string { return e.msg }
func (e *causedError) Unwrap() error { return e.cause }

// wrapf is fmt.Errorf for messages that describe cause in French rather
// than print its text with %w: the text is format's, the chain is cause's.
func wrapf(cause error, format string, args ...any) error {
	return &causedError{msg: fmt.Sprintf(format, args...), cause: cause}
}
