package embed

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// Extract writes the files embedded in the PDF at pdfPath under dir,
// created if needed, under the names cls gave them. Everything is
// checked before the first file is written (see Read), so a hostile or
// damaged PDF writes nothing. It never replaces an existing file (see
// ExtractForce) and never writes through a symbolic link inside dir.
func Extract(pdfPath, dir string) ([]File, error) {
	return extract(pdfPath, dir, false)
}

// ExtractForce is Extract replacing the files that already exist.
func ExtractForce(pdfPath, dir string) ([]File, error) {
	return extract(pdfPath, dir, true)
}

func extract(pdfPath, dir string, force bool) ([]File, error) {
	files, err := ReadFile(pdfPath)
	if err != nil {
		return nil, err
	}
	existing, err := plan(dir, files, force)
	if err != nil {
		return nil, err
	}
	return files, write(dir, files, existing)
}

// plan checks every target under dir before anything is written: no
// folder on the way may be a symbolic link or a file, no target a
// folder, and without force no target may exist. It returns the targets
// that exist (replaced with force).
func plan(dir string, files []File, force bool) (map[string]bool, error) {
	show := func(p string) string { return textnorm.Escape(p) }
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return nil, fmt.Errorf("%s : ce n'est pas un dossier ; attendu le dossier où extraire les sources", show(dir))
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s : dossier inaccessible (%s)", show(dir), safefile.Cause(err))
	}
	var probs diag.List
	checked := map[string]bool{}
	existing := map[string]bool{}
	var present []string
	for _, f := range files {
		parts := strings.Split(f.Name, "/")
		p := dir
		for _, c := range parts[:len(parts)-1] {
			p = filepath.Join(p, c)
			if checked[p] {
				continue
			}
			checked[p] = true
			st, err := os.Lstat(p)
			switch {
			case errors.Is(err, fs.ErrNotExist):
			case err != nil:
				probs.Errorf(show(p), "", "", "inaccessible (%s)", safefile.Cause(err))
			case st.Mode()&fs.ModeSymlink != 0:
				probs.Errorf(show(p), "", "", "lien symbolique refusé : l'extraction écrirait ailleurs que dans %s ; attendu un dossier ordinaire ou absent", show(dir))
			case !st.IsDir():
				probs.Errorf(show(p), "", "", "existe et n'est pas un dossier ; attendu un dossier ordinaire ou absent")
			}
		}
		target := filepath.Join(dir, filepath.FromSlash(f.Name))
		st, err := os.Lstat(target)
		switch {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			probs.Errorf(show(target), "", "", "inaccessible (%s)", safefile.Cause(err))
		case st.IsDir():
			probs.Errorf(show(target), "", "", "existe et est un dossier ; attendu un fichier ou rien")
		case !force:
			present = append(present, show(target))
		default:
			existing[target] = true
		}
	}
	if len(present) > 0 {
		listed := present[:min(len(present), 3)]
		more := ""
		if len(present) > len(listed) {
			more = fmt.Sprintf(" et %d autre(s)", len(present)-len(listed))
		}
		probs.Errorf(show(dir), "", "", "%d fichier(s) existe(nt) déjà (%s%s) ; rien n'a été écrit ; attendu un dossier sans ces fichiers, ou --force pour les remplacer", len(present), strings.Join(listed, ", "), more)
	}
	if len(probs) > 0 {
		return nil, capped(probs, show(dir))
	}
	return existing, nil
}

// write writes the files under dir, each through a temporary file and a
// rename. On failure the files it created are removed again (the
// replaced ones cannot be restored).
func write(dir string, files []File, existing map[string]bool) error {
	var created []string
	for _, f := range files {
		target := filepath.Join(dir, filepath.FromSlash(f.Name))
		err := os.MkdirAll(filepath.Dir(target), 0o755)
		if err == nil {
			err = writeAtomic(target, f.Content)
		}
		if err != nil {
			for _, p := range created {
				os.Remove(p)
			}
			return fmt.Errorf("%s : écriture impossible (%s) ; les fichiers déjà extraits ont été retirés", textnorm.Escape(target), safefile.Cause(err))
		}
		if !existing[target] {
			created = append(created, target)
		}
	}
	return nil
}

// writeAtomic writes data to path through a temporary file beside it and
// a rename, which replaces a symbolic link at path rather than following
// it.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".cls-extract-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer os.Remove(name)
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(name, 0o644); err != nil {
		return err
	}
	return os.Rename(name, path)
}
