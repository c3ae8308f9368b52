// Package fonts loads the TrueType family that the contract is set in and
// measures text with it. The same bytes feed the layout's measurements and
// the PDF writer's embedding, so what is measured is what is printed.
package fonts

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/safefile"
)

// Family is a TrueType family in four styles.
type Family struct {
	Name  string
	Faces map[doc.Style][]byte // keyed by doc.Style (0, Bold, Italic, Bold|Italic)
	Files map[doc.Style]string // where each face came from
	// Builtin is set when the faces are the ones the program carries,
	// taken because the fonts folder does not exist (Files then names
	// where they would have been).
	Builtin bool

	cover    *coverage // characters all four faces can draw
	measurer *Measurer // built by Load, which parses the faces with fpdf
}

// Files names the four face files of a family inside a fonts folder.
type Files struct {
	Regular, Bold, Italic, BoldItalic string
}

// Styles are the four faces of a family, in the order they are loaded.
var Styles = []doc.Style{0, doc.Bold, doc.Italic, doc.Bold | doc.Italic}

// StyleCode returns fpdf's style string for a style ("", "B", "I", "BI").
func StyleCode(s doc.Style) string {
	switch s & (doc.Bold | doc.Italic) {
	case doc.Bold:
		return "B"
	case doc.Italic:
		return "I"
	case doc.Bold | doc.Italic:
		return "BI"
	}
	return ""
}

// Load reads the four faces of a family from dir. Each file is checked as
// fpdf will read it — a complete TrueType file, its tables whole — and
// then parsed by fpdf itself, so that a wrong, truncated or damaged file
// is reported here, in French, with its name, and never crashes the PDF
// writer.
func Load(dir, name string, files Files) (*Family, error) {
	if name == "" {
		return nil, fmt.Errorf("cls.yaml, polices.famille : aucun nom de famille ; attendu le nom de la police (par exemple Carlito)")
	}
	f := &Family{Name: name, Faces: map[doc.Style][]byte{}, Files: map[doc.Style]string{}, Builtin: useBuiltin(dir, files)}
	names := map[doc.Style]string{0: files.Regular, doc.Bold: files.Bold, doc.Italic: files.Italic, doc.Bold | doc.Italic: files.BoldItalic}
	for _, st := range Styles {
		face := struct{ file, label string }{names[st], styleKey(st)}
		if face.file == "" {
			return nil, fmt.Errorf("cls.yaml, polices.%s : aucun fichier indiqué ; attendu le nom d'un fichier TrueType (.ttf) du dossier %s", face.label, dir)
		}
		path := filepath.Join(dir, face.file)
		refuse := func(what, want string) error {
			return fmt.Errorf("%s : %s (polices.%s dans cls.yaml) ; attendu %s", shown(path), what, face.label, want)
		}
		var b []byte
		var flt *fault
		if f.Builtin {
			b, flt = builtinFace(files, st)
		} else {
			b, flt = readFace(path)
		}
		if flt != nil {
			return nil, refuse(flt.what, flt.want)
		}
		t, flt := parseTTF(b)
		if flt != nil {
			return nil, refuse(flt.what, flt.want)
		}
		glyphs, _ := u16(t.tables["maxp"], 4)
		cov, ok := unicodeCMap(t.tables["cmap"], glyphs)
		if !ok {
			return nil, refuse("police sans table de caractères Unicode lisible", wantFullTTF)
		}
		if f.cover == nil {
			f.cover = cov
		} else {
			f.cover.and(cov)
		}
		f.Faces[st] = b
		f.Files[st] = path
	}
	f.cover.printableOnly()
	m, err := newMeasurer(f)
	if err != nil {
		return nil, err
	}
	f.measurer = m
	return f, nil
}

// readFace reads a face file, refusing what cannot be a font: a folder, a
// device or pipe (reading it could block for ever), an enormous file.
func readFace(path string) ([]byte, *fault) {
	b, err := safefile.ReadFile(path, safefile.FontLimit)
	var refusal *safefile.Error
	switch {
	case errors.As(err, &refusal):
		return nil, &fault{refusal.Reason, wantTTF}
	case errors.Is(err, fs.ErrNotExist):
		return nil, &fault{"police introuvable", wantTTF}
	case err != nil:
		return nil, &fault{"police illisible, " + safefile.Cause(err), wantTTF}
	}
	return b, nil
}

// shown shortens a path for messages, as the readers of the sources do:
// relative to the working directory when it is inside it.
func shown(p string) string {
	wd, err1 := os.Getwd()
	abs, err2 := filepath.Abs(p)
	if err1 != nil || err2 != nil {
		return p
	}
	if r, err := filepath.Rel(wd, abs); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return filepath.ToSlash(r)
	}
	return p
}
