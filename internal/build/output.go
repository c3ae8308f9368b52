package build

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/embed"
	"github.com/contrat-local-sante/cls/internal/evalsheet"
)

// save writes the PDF and its checksum file.
func save(res *Result, out string) error {
	if err := WriteAtomic(out, res.PDF); err != nil {
		return err
	}
	if err := WriteAtomic(out+".sha256", []byte(res.SHA256+"  "+filepath.Base(out)+"\n")); err != nil {
		return err
	}
	res.Path = out
	return nil
}

// writable tells whether a PDF could be written in dir: the folder, or the
// nearest existing one above it, accepts a new file.
func writable(dir string) error {
	d := dir
	for {
		if st, err := os.Stat(d); err == nil {
			if !st.IsDir() {
				return fmt.Errorf("sortie.dossier : « %s » n'est pas un dossier ; attendu un dossier où écrire le PDF", d)
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
		return fmt.Errorf("sortie.dossier : impossible d'écrire dans « %s » (%v) ; attendu un dossier accessible en écriture", d, err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// OutputPath is where the PDF goes: the --out flag, else cls.yaml's
// sortie.dossier/sortie.fichier.
func OutputPath(cfg *config.Config, out string) string {
	if out != "" {
		return out
	}
	return filepath.Join(cfg.Path(cfg.Sortie.Dossier), cfg.Sortie.Fichier)
}

// archivePrevious keeps the PDF that a build is about to replace, when it
// differs, under archive/ beside it, named with its version and hash: a
// signed copy is never lost by regenerating.
func archivePrevious(path string, next []byte) error {
	old, err := os.ReadFile(path)
	if err != nil || bytes.Equal(old, next) {
		return nil
	}
	version := "version-inconnue"
	if files, err := embed.Read(old); err == nil {
		if m, ok := embed.ManifestOf(files); ok {
			version = slug(m.Version)
		}
	}
	dir := filepath.Join(filepath.Dir(path), "archive")
	name := fmt.Sprintf("%s-%s-%s.pdf", strings.TrimSuffix(filepath.Base(path), ".pdf"), version, embed.Sum(old)[:12])
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("%s : dossier d'archive impossible à créer (%v)", dir, err)
	}
	return WriteAtomic(filepath.Join(dir, name), old)
}

// slug makes a file-name-safe form of a version line.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(norm.NFD.String(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-")
}

// WriteAtomic writes data to path through a temporary file and a rename.
func WriteAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("%s : dossier de sortie impossible à créer (%v) ; attendu un dossier accessible en écriture", dir, err)
	}
	tmp, err := os.CreateTemp(dir, ".cls-*.pdf.tmp")
	if err != nil {
		return fmt.Errorf("%s : impossible d'écrire dans le dossier de sortie (%v) ; attendu un dossier accessible en écriture", dir, err)
	}
	name := tmp.Name()
	defer os.Remove(name)
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("%s : écriture interrompue (%v)", name, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("%s : écriture interrompue (%v)", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s : écriture interrompue (%v)", name, err)
	}
	if err := os.Chmod(name, 0o644); err != nil {
		return err
	}
	if err := os.Rename(name, path); err != nil {
		return fmt.Errorf("%s : impossible de remplacer le fichier (%v) ; est-il ouvert dans un autre programme ?", path, err)
	}
	return nil
}

// EvaluationTemplate writes the blank evaluation workbook of year.
func EvaluationTemplate(opt Options, year int, out string) error {
	_, _, c, probs, err := Load(opt)
	if err != nil {
		return err
	}
	if probs.HasErrors() {
		return probs
	}
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s existe déjà : il n'est pas écrasé (il contient peut-être des valeurs saisies) ; choisir un autre nom ou le supprimer", out)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return evalsheet.Write(c, year, out)
}
