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
	"sync"

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

	cover    *coverage  // characters all four faces can draw
	widths   [4]*widths // by faceIndex
	measurer *Measurer  // built by Load
}

// Files names the four face files of a family inside a fonts folder.
type Files struct {
	Regular, Bold, Italic, BoldItalic string
}

// Styles are the four faces of a family, in the order they are loaded.
var Styles = []doc.Style{0, doc.Bold, doc.Italic, doc.Bold | doc.Italic}

// faceIndex is a style's place among the four faces.
func faceIndex(st doc.Style) int {
	i := 0
	if st&doc.Bold != 0 {
		i++
	}
	if st&doc.Italic != 0 {
		i += 2
	}
	return i
}

// StyleCode returns fpdf's style string for a style ("", "B", "I", "BI").
func StyleCode(s doc.Style) string {
	return [...]string{"", "B", "I", "BI"}[faceIndex(s)]
}

// Load reads the four faces of a family from dir. Each file is checked as
// fpdf will read it — a complete TrueType file, its tables whole — so that
// a wrong, truncated or damaged file is reported here, in French, with its
// name, and never crashes the PDF writer; AddTo reports the same way a
// face that fpdf itself still cannot read.
func Load(dir, name string, files Files) (*Family, error) {
	if name == "" {
		return nil, fmt.Errorf("cls.yaml, polices.famille : aucun nom de famille ; attendu le nom de la police (par exemple Carlito)")
	}
	f := &Family{Name: name, Faces: map[doc.Style][]byte{}, Files: map[doc.Style]string{}, Builtin: useBuiltin(dir, files)}
	names := map[doc.Style]string{0: files.Regular, doc.Bold: files.Bold, doc.Italic: files.Italic, doc.Bold | doc.Italic: files.BoldItalic}
	for _, st := range Styles {
		if names[st] == "" {
			return nil, fmt.Errorf("cls.yaml, polices.%s : aucun fichier indiqué ; attendu le nom d'un fichier TrueType (.ttf) du dossier %s", styleKey(st), dir)
		}
	}
	// the four faces are read and checked at the same time (some 3 MB
	// and 65,536 characters each); the first error in the order of
	// Styles is reported, whatever the timing
	faces := make([]loaded, len(Styles))
	var wg sync.WaitGroup
	for i, st := range Styles {
		wg.Go(func() { faces[i] = f.loadFace(dir, names[st], files, st) })
	}
	wg.Wait()
	for i, st := range Styles {
		lf := faces[i]
		if lf.err != nil {
			return nil, lf.err
		}
		if f.cover == nil {
			f.cover = lf.cover
		} else {
			f.cover.and(lf.cover)
		}
		f.Faces[st] = lf.bytes
		f.Files[st] = lf.path
		f.widths[faceIndex(st)] = lf.widths
	}
	f.cover.printableOnly()
	f.measurer = newMeasurer(f)
	return f, nil
}

// loaded is a face read and checked by loadFace, or why it was refused.
type loaded struct {
	path   string
	bytes  []byte
	cover  *coverage
	widths *widths
	err    error
}

// loadFace reads the face of style st from file in dir (or the one the
// program carries, for a built-in family) and checks it.
func (f *Family) loadFace(dir, file string, files Files, st doc.Style) loaded {
	path := filepath.Join(dir, file)
	refuse := func(what, want string) loaded {
		return loaded{err: fmt.Errorf("%s : %s (polices.%s dans cls.yaml) ; attendu %s", shown(path), what, styleKey(st), want)}
	}
	var b []byte
	var flt *fault
	if f.Builtin {
		b, flt = builtinFace(files, st)
	} else {
		b, flt = readFace(path)
	}
	if flt != nil {
		return refuse(flt.what, flt.want)
	}
	t, flt := parseTTF(b)
	if flt != nil {
		return refuse(flt.what, flt.want)
	}
	glyphs, _ := u16(t.tables["maxp"], 4)
	chars, ok := glyphMap(t.tables["cmap"], glyphs)
	if !ok {
		return refuse("police sans table de caractères Unicode lisible", wantFullTTF)
	}
	w, ok := faceWidths(t, chars)
	if !ok {
		return refuse(damaged.what, damaged.want)
	}
	return loaded{path: path, bytes: b, cover: chars.coverage(), widths: w}
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

// styleKey is the cls.yaml key of a style's face, under polices.
func styleKey(st doc.Style) string {
	return [...]string{"regulier", "gras", "italique", "gras_italique"}[faceIndex(st)]
}
