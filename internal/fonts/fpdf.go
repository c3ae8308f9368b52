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
// was given when the document is output, and the family's faces are read
// again by the next build of a long-running process (pipeline.Rebuilder).
func (f *Family) AddTo(pdf *fpdf.Fpdf) error {
	return f.add(pdf, true)
}

// GiveTo is AddTo without the copies, for the family's last document:
// its faces must not be read once the document is output. A copy of the
// four faces is some 3 MB, and 5 MB of a build's peak memory.
func (f *Family) GiveTo(pdf *fpdf.Fpdf) error {
	return f.add(pdf, false)
}

func (f *Family) add(pdf *fpdf.Fpdf, copies bool) (err error) {
	var face int
	defer func() {
		if r := recover(); r != nil {
			err = f.unreadable(Styles[face])
		}
	}()
	for i, st := range Styles {
		face = i
		b := f.Faces[st]
		if copies {
			b = slices.Clone(b)
		}
		pdf.AddUTF8FontFromBytes(f.Name, StyleCode(st), b)
		if pdf.Err() {
			return f.unreadable(st)
		}
	}
	return nil
}

func (f *Family) unreadable(st doc.Style) error {
	return fmt.Errorf("%s : %s (polices.%s dans cls.yaml) ; attendu %s", shown(f.Files[st]), damaged.what, styleKey(st), damaged.want)
}
