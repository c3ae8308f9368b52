// Package fonts loads the TrueType family that the contract is set in and
// measures text with it. The same bytes feed the layout's measurements and
// the PDF writer's embedding, so what is measured is what is printed.
package fonts

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// Family is a TrueType family in four styles.
type Family struct {
	Name  string
	Faces map[doc.Style][]byte // keyed by doc.Style (0, Bold, Italic, Bold|Italic)
	Files map[doc.Style]string // where each face came from
}

// Files names the four face files of a family inside a fonts folder.
type Files struct {
	Regular, Bold, Italic, BoldItalic string
}

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

// Load reads the four faces of a family from dir. It checks that each file
// is a TrueType font, so that a wrong file is reported here, in French, and
// not deep inside the PDF writer.
func Load(dir, name string, files Files) (*Family, error) {
	f := &Family{Name: name, Faces: map[doc.Style][]byte{}, Files: map[doc.Style]string{}}
	for _, face := range []struct {
		style doc.Style
		file  string
		label string
	}{
		{0, files.Regular, "regulier"},
		{doc.Bold, files.Bold, "gras"},
		{doc.Italic, files.Italic, "italique"},
		{doc.Bold | doc.Italic, files.BoldItalic, "gras_italique"},
	} {
		if face.file == "" {
			return nil, fmt.Errorf("cls.yaml, polices.%s : aucun fichier indiqué ; attendu le nom d'un fichier TrueType (.ttf) du dossier %s", face.label, dir)
		}
		path := filepath.Join(dir, face.file)
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("%s : police introuvable (polices.%s dans cls.yaml) ; attendu un fichier TrueType (.ttf)", path, face.label)
		}
		if !IsTrueType(b) {
			return nil, fmt.Errorf("%s : ce fichier n'est pas une police TrueType (polices.%s dans cls.yaml) ; attendu un fichier .ttf", path, face.label)
		}
		f.Faces[face.style] = b
		f.Files[face.style] = path
	}
	return f, nil
}

// IsTrueType reports whether b starts like a TrueType font file (sfnt
// version 1.0 or "true"). OpenType CFF fonts ("OTTO") are refused: fpdf
// cannot embed them.
func IsTrueType(b []byte) bool {
	return len(b) > 12 && (bytes.HasPrefix(b, []byte{0, 1, 0, 0}) || bytes.HasPrefix(b, []byte("true")))
}
