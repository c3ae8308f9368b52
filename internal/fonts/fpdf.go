package fonts

import (
	"fmt"
	"slices"

	"github.com/go-pdf/fpdf"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// AddTo gives the family's four faces to an fpdf document, under the
// family's name. fpdf panics on some damaged files that the checks of
// Load let through; the panic, or fpdf's error, becomes an error naming
// the file, as Load's.
//
// Each face is given as a copy: fpdf's subsetter writes into the bytes it
// was given, which the family shares with the next build of a
// long-running process (pipeline.Rebuilder) and with the embedded
// manifest's hashes.
func (f *Family) AddTo(pdf *fpdf.Fpdf) (err error) {
	var face int
	defer func() {
		if r := recover(); r != nil {
			err = f.unreadable(Styles[face])
		}
	}()
	for i, st := range Styles {
		face = i
		pdf.AddUTF8FontFromBytes(f.Name, StyleCode(st), slices.Clone(f.Faces[st]))
		if pdf.Err() {
			return f.unreadable(st)
		}
	}
	return nil
}

func (f *Family) unreadable(st doc.Style) error {
	return fmt.Errorf("%s : %s (polices.%s dans cls.yaml) ; attendu %s", shown(f.Files[st]), damaged.what, styleKey(st), damaged.want)
}
