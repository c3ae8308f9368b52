package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/contrat-local-sante/cls/internal/embed"
	"github.com/contrat-local-sante/cls/internal/evalsheet"
	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// save puts the PDF at t with its .sha256 beside it, keeping the PDF it
// replaces in the archive folder. It holds the output's lock throughout,
// so that concurrent builds to one output take turns and every replaced
// PDF is archived. The order of the steps makes a crash at any point
// harmless: everything that can fail for lack of space (archive copy, new
// PDF, new .sha256) is written to temporary files first; then the old
// .sha256 is removed, the PDF renamed into place, the new .sha256 renamed
// beside it. The .sha256 may be missing after a crash, never wrong, and
// the next build removes the temporary files.
func save(res *Result, t target) error {
	dir := filepath.Dir(t.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return wrapf(err, "%s : dossier de sortie impossible à créer (%s) ; attendu un dossier accessible en écriture", textnorm.Escape(dir), safefile.Cause(err))
	}
	unlock, err := lockOutput(t.path)
	if err != nil {
		return err
	}
	defer unlock()
	step("locked")
	removeLeftovers(t.path)
	if err := t.recheck(); err != nil {
		return err
	}
	sumPath := t.path + ".sha256"
	line := res.SHA256 + "  " + filepath.Base(t.path) + "\n"
	old, err := hashFile(t.path)
	if err != nil {
		return err
	}
	if old == res.SHA256 {
		// same bytes: the PDF stays; its .sha256 is put right if an older
		// crash or a hand removed or changed it
		if b, err := os.ReadFile(sumPath); err != nil || string(b) != line {
			p, err := stage(sumPath, t.path, func(w io.Writer) error { _, err := io.WriteString(w, line); return err })
			if err != nil {
				return err
			}
			if err := p.commit(); err != nil {
				return err
			}
		}
		res.Path = t.path
		return nil
	}
	if old != "" {
		if err := archivePrevious(t.path, old); err != nil {
			return err
		}
	}
	pdf, err := stage(t.path, t.path, func(w io.Writer) error { _, err := w.Write(res.PDF); return err })
	if err != nil {
		return err
	}
	sum, err := stage(sumPath, t.path, func(w io.Writer) error { _, err := io.WriteString(w, line); return err })
	if err != nil {
		pdf.discard()
		return err
	}
	if err := os.Remove(sumPath); err != nil && !errors.Is(err, fs.ErrNotExist) {
		pdf.discard()
		sum.discard()
		return wrapf(err, "%s : impossible de remplacer le fichier (%s) ; est-il ouvert dans un autre programme ?", textnorm.Escape(sumPath), safefile.Cause(err))
	}
	syncDir(dir)
	step("sha256 removed")
	if err := pdf.commit(); err != nil {
		sum.discard()
		return err
	}
	step("pdf renamed")
	if err := sum.commit(); err != nil {
		return err
	}
	step("done")
	res.Path = t.path
	return nil
}

// hashFile returns the SHA-256 of the regular file at path, read by
// streaming whatever its size, or "" when there is none.
func hashFile(path string) (string, error) {
	f, err := os.OpenFile(path, readFlags, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", wrapf(err, "%s : fichier en place illisible (%s) ; attendu un fichier que cls peut lire pour l'archiver", textnorm.Escape(path), safefile.Cause(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return "", fmt.Errorf("%s : ce n'est pas un fichier ordinaire ; attendu le chemin d'un fichier PDF", textnorm.Escape(path))
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", wrapf(err, "%s : fichier en place illisible (%s) ; attendu un fichier que cls peut lire pour l'archiver", textnorm.Escape(path), safefile.Cause(err))
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// writable tells whether a PDF could be written in dir: the folder, or the
// nearest existing one above it, accepts a new file.
func writable(dir string) error {
	d := dir
	for {
		if st, err := os.Stat(d); err == nil {
			if !st.IsDir() {
				return fmt.Errorf("sortie.dossier : « %s » n'est pas un dossier ; attendu un dossier où écrire le PDF", textnorm.Escape(d))
			}
			break
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	f, err := os.CreateTemp(d, ".cls-check-*")
	if err != nil {
		return wrapf(err, "sortie.dossier : impossible d'écrire dans « %s » (%s) ; attendu un dossier accessible en écriture", textnorm.Escape(d), safefile.Cause(err))
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// archiveDir is the folder of the PDFs that builds of out replaced.
func archiveDir(out string) string { return filepath.Join(filepath.Dir(out), "archive") }

// maxVersionRead bounds the previous PDF read in memory to find its
// version for the archive name; a bigger file (not a contract: those
// weigh a few megabytes) is archived as « version-inconnue ».
const maxVersionRead = 64 << 20

// archivePrevious keeps the PDF at path, whose SHA-256 is sum, that a
// build is about to replace: under archive/ beside it, named with its
// version and the start of its hash, so a signed copy is never lost by
// regenerating. The copy streams; it is skipped when that archive name is
// already there (same hash, same bytes).
func archivePrevious(path, sum string) error {
	version := "version-inconnue"
	if b, err := safefile.ReadFile(path, maxVersionRead); err == nil && strings.HasPrefix(string(b[:min(len(b), 5)]), "%PDF-") {
		if files, err := embed.Read(b); err == nil {
			if m, ok := embed.ManifestOf(files); ok {
				if s := textnorm.Slug(m.Version); s != "" {
					version = s
				}
			}
		}
	}
	dir := archiveDir(path)
	name := fmt.Sprintf("%s-%s-%s.pdf", cut(strings.TrimSuffix(filepath.Base(path), ".pdf"), maxStem), cut(version, 80), sum[:12])
	dest := filepath.Join(dir, name)
	if st, err := os.Lstat(dest); err == nil && st.Mode().IsRegular() {
		return nil
	}
	if st, err := os.Lstat(dir); err == nil && !st.IsDir() {
		// a link would send the replaced PDF anywhere: the archive is a
		// real folder beside the PDF
		return fmt.Errorf("%s : le dossier d'archive n'est pas un vrai dossier (%s) ; attendu un dossier « archive » à côté du PDF, où garder le PDF remplacé", textnorm.Escape(dir), kind(st.Mode()))
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return wrapf(err, "%s : dossier d'archive impossible à créer (%s) ; attendu un dossier où garder le PDF remplacé", textnorm.Escape(dir), safefile.Cause(err))
	}
	p, err := stage(dest, path, func(w io.Writer) error {
		f, err := os.OpenFile(path, readFlags, 0)
		if err != nil {
			return err
		}
		defer f.Close()
		if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
			return fmt.Errorf("ce n'est plus un fichier ordinaire")
		}
		h := sha256.New()
		if _, err := io.Copy(io.MultiWriter(w, h), f); err != nil {
			return err
		}
		if hex.EncodeToString(h.Sum(nil)) != sum {
			return fmt.Errorf("le fichier a changé pendant sa copie")
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := p.commit(); err != nil {
		return err
	}
	step("archived")
	return nil
}

// EvaluationTemplate writes the blank evaluation workbook of year at out,
// by default where `cls evaluation` reads it (sources/evaluation/YEAR.xlsx
// of the territory), and returns where it wrote it. The file must not
// exist: the workbook is written to a temporary file and linked into
// place only when complete, so a full disk or a crash leaves nothing
// behind and the retry works.
func EvaluationTemplate(opt Options, year int, out string) (string, error) {
	l, err := Load(opt)
	if err != nil {
		return "", err
	}
	if l.Problems.HasErrors() {
		return "", l.Problems
	}
	t, err := workbookTarget(out, l.Dirs.EvaluationWorkbook(year))
	if err != nil {
		return "", err
	}
	dir := filepath.Dir(t.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", wrapf(err, "%s : dossier impossible à créer (%s) ; attendu un dossier accessible en écriture", textnorm.Escape(dir), safefile.Cause(err))
	}
	unlock, err := lockOutput(t.path)
	if err != nil {
		return "", err
	}
	defer unlock()
	removeLeftovers(t.path)
	p, err := stage(t.path, t.path, func(w io.Writer) error { return evalsheet.Write(l.Contract, year, w) })
	if err != nil {
		return "", err
	}
	if err := p.create(t.exists); err != nil {
		return "", err
	}
	return t.path, nil
}
