package fonts

import (
	"errors"
	"io/fs"
	"os"
	"path"

	cls "github.com/contrat-local-sante/cls"
	"github.com/contrat-local-sante/cls/internal/doc"
)

// Shipped are the file names of the faces the program carries (Carlito),
// the defaults of polices.regulier, gras, italique and gras_italique.
var Shipped = Files{Regular: "Carlito-Regular.ttf", Bold: "Carlito-Bold.ttf", Italic: "Carlito-Italic.ttf", BoldItalic: "Carlito-BoldItalic.ttf"}

// builtinDir is where the carried faces lie in cls.Defaults.
const builtinDir = "fonts"

// useBuiltin tells whether Load takes the faces the program carries: when
// the fonts folder does not exist and the four files are the shipped
// ones. A territory made by « cls init » has no fonts folder, so it builds
// with the same faces as the shipped one, byte for byte. A folder that
// exists, or a territory that names its own files, is read from disk as
// before, so a missing custom face is still reported with its path.
func useBuiltin(dir string, files Files) bool {
	if files != Shipped {
		return false
	}
	_, err := os.Stat(dir)
	return errors.Is(err, fs.ErrNotExist)
}

// builtinFace reads the carried face of style st.
func builtinFace(files Files, st doc.Style) ([]byte, *fault) {
	b, err := fs.ReadFile(cls.Defaults, path.Join(builtinDir, faceFile(files, st)))
	if err != nil {
		// only a program built without its fonts gets here
		return nil, &fault{"police absente du programme et dossier des polices introuvable", wantTTF}
	}
	return b, nil
}

// faceFile is the file name of the face of style st.
func faceFile(files Files, st doc.Style) string {
	switch st & (doc.Bold | doc.Italic) {
	case doc.Bold:
		return files.Bold
	case doc.Italic:
		return files.Italic
	case doc.Bold | doc.Italic:
		return files.BoldItalic
	}
	return files.Regular
}
