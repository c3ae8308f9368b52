package pipeline

import (
	"os"
	"path/filepath"
	"time"

	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// lockWait is how long a command waits for another one writing the same
// output before giving up: long enough for a build (a fraction of a
// second) or several in a row, short enough that a forgotten process is
// reported rather than waited for in silence.
var lockWait = 60 * time.Second

// lockPoll is how often a waiting command tries the lock again.
const lockPoll = 50 * time.Millisecond

// lockPath is the lock file of an output: hidden, beside it, named after
// it, so that two outputs of one folder never wait for each other.
func lockPath(out string) string {
	return filepath.Join(filepath.Dir(out), "."+stem(out)+".lock")
}

// lockOutput takes the exclusive lock of out for the whole sequence that
// replaces it (archive, PDF, .sha256): two builds to one output would
// otherwise each archive the same previous PDF and one of the two new
// ones would be replaced without ever being archived. A second command
// waits for the first; after lockWait it gives up with an error. The
// returned function lets the lock go and removes the lock file.
func lockOutput(out string) (func(), error) {
	path := lockPath(out)
	deadline := time.Now().Add(lockWait)
	for {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, wrapf(err, "%s : verrou impossible à créer (%s) ; attendu un dossier accessible en écriture", textnorm.Escape(path), safefile.Cause(err))
		}
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, wrapf(err, "%s : verrou impossible à prendre (%s) ; attendu un dossier local qui accepte les verrous", textnorm.Escape(path), safefile.Cause(err))
		}
		if ok {
			// the holder we waited for removes the file as it lets it go:
			// the lock is ours only if the file is still the one at path
			if held, err := f.Stat(); err == nil {
				if now, err := os.Stat(path); err == nil && os.SameFile(held, now) {
					return func() { releaseLock(f, path) }, nil
				}
			}
			f.Close()
			continue
		}
		f.Close()
		if time.Now().After(deadline) {
			return nil, wrapf(ErrBusy, "%s : un autre « cls build » écrit déjà ce fichier (verrou %s toujours pris après %d s d'attente) ; attendu qu'il ait fini : réessayer ensuite",
				textnorm.Escape(out), filepath.Base(path), int(lockWait.Seconds()))
		}
		time.Sleep(lockPoll)
	}
}
