package pipeline

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// Every file cls writes goes through a temporary file beside it, flushed
// to disk, then renamed (or linked) into place: a reader, or the next
// build after a crash, sees the old file or the new one, never half of
// one. The temporary files are named after the output they belong to,
// ".NAME.cls-DIGITS.tmp", so that the next command writing that output,
// holding its lock, can remove what a killed one left behind without
// touching another output's files.

// testStep, when a test sets it, is called at each step of writing an
// output, to stop the process there as a crash would.
var testStep func(step string)

func step(name string) {
	if testStep != nil {
		testStep(name)
	}
}

// testWriter, when a test sets it, wraps the writer of every temporary
// file, to simulate a full disk.
var testWriter func(io.Writer) io.Writer

// tempPrefix starts the names of the temporary files of output out.
func tempPrefix(out string) string { return "." + stem(out) + ".cls-" }

// isLeftover tells whether name is a temporary file of output out:
// the prefix, then the digits os.CreateTemp puts for its "*", then ".tmp".
func isLeftover(name, out string) bool {
	rest, ok := strings.CutPrefix(name, tempPrefix(out))
	if !ok {
		return false
	}
	digits, ok := strings.CutSuffix(rest, ".tmp")
	return ok && allDigits(digits)
}

// removeLeftovers removes the temporary files that a killed command left
// for output out, beside it and in its archive folder. The caller holds
// the output's lock: no live command is writing them. The temporary files
// of cls versions before the lock (".cls-DIGITS.pdf.tmp", named after no
// output) are removed once an hour old: such a build took a second.
func removeLeftovers(out string) {
	for _, dir := range []string{filepath.Dir(out), archiveDir(out)} {
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if !e.Type().IsRegular() {
				continue
			}
			if isLeftover(e.Name(), out) || isOldLeftover(e) {
				os.Remove(filepath.Join(dir, e.Name()))
			}
		}
	}
}

// isOldLeftover tells whether e is a temporary file of an earlier cls
// version, left for more than an hour.
func isOldLeftover(e fs.DirEntry) bool {
	digits, ok := strings.CutPrefix(e.Name(), ".cls-")
	if !ok {
		return false
	}
	if digits, ok = strings.CutSuffix(digits, ".pdf.tmp"); !ok || !allDigits(digits) {
		return false
	}
	st, err := e.Info()
	return err == nil && time.Since(st.ModTime()) > time.Hour
}

func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

// pending is a complete temporary file, flushed to disk, waiting to be put
// in place.
type pending struct {
	tmp, path string
}

// stage writes a temporary file for path, named after output owner, with
// what write produces, and flushes it to disk. On error nothing is left.
func stage(path, owner string, write func(io.Writer) error) (*pending, error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, tempPrefix(owner)+"*.tmp")
	if err != nil {
		return nil, wrapf(err, "%s : impossible d'écrire dans le dossier (%s) ; attendu un dossier accessible en écriture", textnorm.Escape(dir), safefile.Cause(err))
	}
	p := &pending{tmp: f.Name(), path: path}
	var w io.Writer = f
	if testWriter != nil {
		w = testWriter(f)
	}
	err = write(w)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(p.tmp, 0o644)
	}
	if err != nil {
		os.Remove(p.tmp)
		return nil, writeError(path, err)
	}
	step("staged " + filepath.Base(path))
	return p, nil
}

// writeError says in French why a file could not be written; the file in
// place, if any, is untouched.
func writeError(path string, err error) error {
	if diskFull(err) {
		return wrapf(err, "%s : écriture impossible, le disque est plein ; rien n'a été remplacé ; attendu de la place libre sur le disque", textnorm.Escape(path))
	}
	return wrapf(err, "%s : écriture interrompue (%s) ; rien n'a été remplacé", textnorm.Escape(path), safefile.Cause(err))
}

// commit renames the temporary file over path and makes the rename
// durable.
func (p *pending) commit() error {
	if err := os.Rename(p.tmp, p.path); err != nil {
		os.Remove(p.tmp)
		return wrapf(err, "%s : impossible de remplacer le fichier (%s) ; est-il ouvert dans un autre programme ?", textnorm.Escape(p.path), safefile.Cause(err))
	}
	syncDir(filepath.Dir(p.path))
	return nil
}

// create puts the temporary file at path only if nothing is there: a hard
// link fails when path exists, so no file is ever replaced, even by a
// command racing this one. Where the file system has no hard links, the
// existence is checked just before a rename.
func (p *pending) create(exists func() error) error {
	defer os.Remove(p.tmp)
	err := os.Link(p.tmp, p.path)
	if errors.Is(err, fs.ErrExist) {
		return exists()
	}
	if err != nil {
		if _, lerr := os.Lstat(p.path); lerr == nil {
			return exists()
		}
		if err := os.Rename(p.tmp, p.path); err != nil {
			return wrapf(err, "%s : impossible de créer le fichier (%s)", textnorm.Escape(p.path), safefile.Cause(err))
		}
	}
	syncDir(filepath.Dir(p.path))
	return nil
}

// discard removes the temporary file.
func (p *pending) discard() { os.Remove(p.tmp) }

// WriteAtomic writes data to path through a temporary file beside it and
// a rename, so that path holds the old bytes or the new ones, never part
// of them.
func WriteAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return wrapf(err, "%s : dossier de sortie impossible à créer (%s) ; attendu un dossier accessible en écriture", textnorm.Escape(dir), safefile.Cause(err))
	}
	p, err := stage(path, path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	if err != nil {
		return err
	}
	return p.commit()
}
