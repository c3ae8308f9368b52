// Package starter writes a new territory that builds at once: cls.yaml,
// the four workbooks under sources/ (headers on row 1, a note on each
// header, drop-down lists for the columns with a fixed set of values, an
// example row), a starter text for every section under templates/, and a
// commented copy of the labels. It writes no fonts folder: the program
// carries the Carlito faces (see internal/fonts), and no avenant or
// evaluation texts: the program carries the shipped ones as fallback.
package starter

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"unicode/utf8"

	cls "github.com/contrat-local-sante/cls"
	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// DefaultName is the territory's name when none is given: a placeholder
// whose article and gender the grammar knows, so the skeleton builds with
// no warning.
const DefaultName = "Communauté de communes de l'Exemple"

//go:embed skeleton
var skeleton embed.FS

// maxName bounds the territory's name, as cls.yaml bounds printed texts.
const maxName = 500

// writeFile writes one file; tests replace it to fail half-way.
var writeFile = os.WriteFile

// ErrNotEmpty is returned when the territory folder already holds files.
var ErrNotEmpty = errors.New("dossier non vide")

// Write writes a new territory named name into dir, which must not exist
// or be empty, and returns the files written, relative to dir, with
// slashes. When anything fails, what it wrote is removed.
func Write(dir, name string) (written []string, err error) {
	name = strings.TrimSpace(textnorm.Clean(name))
	if err := checkName(name); err != nil {
		return nil, err
	}
	files, err := Files(name)
	if err != nil {
		return nil, err
	}
	created, err := prepare(dir)
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			undo(dir, created)
			written = nil
		}
	}()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, fmt.Errorf("%s : dossier impossible à créer, %s", textnorm.Escape(filepath.Dir(p)), safefile.Cause(err))
		}
		if err := writeFile(p, f.Content, 0o644); err != nil {
			return nil, fmt.Errorf("%s : écriture impossible, %s ; rien n'a été gardé", textnorm.Escape(p), safefile.Cause(err))
		}
		written = append(written, f.Name)
	}
	return written, nil
}

// File is one file of the skeleton: its path from the territory folder,
// with slashes, and its content.
type File struct {
	Name    string
	Content []byte
}

// Files returns the skeleton of a territory named name, in the order it
// is written.
func Files(name string) ([]File, error) {
	var out []File
	yaml, err := skeleton.ReadFile("skeleton/cls.yaml")
	if err != nil {
		return nil, err
	}
	out = append(out, File{"cls.yaml", bytes.Replace(yaml, []byte("{{NOM}}"), []byte(yamlQuote(name)), 1)})
	for _, wb := range workbooks(name) {
		b, err := wb.bytes()
		if err != nil {
			return nil, err
		}
		out = append(out, File{"sources/" + wb.file, b})
	}
	err = fs.WalkDir(skeleton, "skeleton/templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := skeleton.ReadFile(p)
		out = append(out, File{strings.TrimPrefix(p, "skeleton/"), b})
		return err
	})
	if err != nil {
		return nil, err
	}
	labels, err := commentedLabels()
	if err != nil {
		return nil, err
	}
	return append(out, File{"templates/libelles.yaml", labels}), nil
}

// commentedLabels is the shipped templates/libelles.yaml with every line
// commented out, under a header saying how to use it: the coordinator
// sees every label and its key, and changes one by uncommenting it. A
// territory's file that only comments keys never goes stale when a later
// version of the program changes its labels.
func commentedLabels() ([]byte, error) {
	head, err := skeleton.ReadFile("skeleton/libelles-entete.yaml")
	if err != nil {
		return nil, err
	}
	shipped, err := fs.ReadFile(cls.Defaults, path.Join("templates", "libelles.yaml"))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.Write(head)
	for _, line := range strings.SplitAfter(string(shipped), "\n") {
		switch {
		case strings.TrimSpace(line) == "":
			b.WriteString(line)
		case strings.HasPrefix(line, "#"):
			b.WriteString("#" + line)
		default:
			b.WriteString("# " + line)
		}
	}
	return b.Bytes(), nil
}

// checkName refuses a name that cls.yaml would refuse.
func checkName(name string) error {
	switch {
	case name == "":
		return errors.New("--territoire : nom vide ; attendu le nom du territoire, par exemple --territoire \"Communauté de communes du Pays d'Exemple\"")
	case strings.ContainsAny(name, "\n\t"):
		return errors.New("--territoire : le nom tient sur plusieurs lignes ; attendu un nom sur une seule ligne")
	case utf8.RuneCountInString(name) > maxName:
		return fmt.Errorf("--territoire : nom de %d caractères ; attendu %d caractères au plus", utf8.RuneCountInString(name), maxName)
	}
	return nil
}

// yamlQuote writes s as a YAML double-quoted scalar.
func yamlQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// prepare makes sure dir can receive a new territory: it must not exist
// (it is then created) or be an empty folder. created tells whether it
// was created.
func prepare(dir string) (created bool, err error) {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return false, fmt.Errorf("%s : dossier impossible à créer, %s", textnorm.Escape(dir), safefile.Cause(err))
		}
		return true, nil
	case err != nil:
		return false, fmt.Errorf("%s : dossier illisible, %s", textnorm.Escape(dir), safefile.Cause(err))
	case !st.IsDir():
		return false, fmt.Errorf("%s : c'est un fichier, pas un dossier ; attendu un dossier vide ou un nouveau nom de dossier", textnorm.Escape(dir))
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false, fmt.Errorf("%s : dossier illisible, %s", textnorm.Escape(dir), safefile.Cause(err))
	}
	if len(entries) > 0 {
		return false, fmt.Errorf("%s : %w (%d élément(s), dont « %s ») ; cls init n'écrit que dans un dossier vide ou nouveau, pour ne rien remplacer ; attendu un autre nom de dossier", textnorm.Escape(dir), ErrNotEmpty, len(entries), textnorm.Escape(entries[0].Name()))
	}
	return false, nil
}

// undo removes what Write wrote: the folder when Write created it, else
// what is now in it (it was empty).
func undo(dir string, created bool) {
	if created {
		os.RemoveAll(dir)
		return
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		os.RemoveAll(filepath.Join(dir, e.Name()))
	}
}
