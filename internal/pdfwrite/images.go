package pdfwrite

import (
	"bytes"
	"fmt"

	"github.com/go-pdf/fpdf"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/imagefile"
	"github.com/contrat-local-sante/cls/internal/layout"
	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// registerImages gives fpdf every image the page draws that it has not
// been given, read and checked whole by imagefile, in the format found
// in its content (fpdf would trust the file name). The only image is the cover's logo
// (document.logo); compose has checked it already, this is for a file
// replaced in between.
func registerImages(pdf *fpdf.Fpdf, p layout.Page) error {
	for _, it := range p.Items {
		im, ok := it.(doc.Image)
		if !ok || pdf.GetImageInfo(im.Path) != nil {
			continue
		}
		img, err := imagefile.Read(im.Path)
		if err == nil {
			err = register(pdf, im.Path, img)
		}
		if err != nil {
			return fmt.Errorf("cls.yaml, document.logo : %s : %v ; attendu une image PNG ou JPEG", textnorm.Escape(im.Path), err)
		}
	}
	return nil
}

// register hands a checked image to fpdf; a panic or error of fpdf's
// parser is reported as an unreadable image.
func register(pdf *fpdf.Fpdf, path string, img *imagefile.Image) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("image illisible pour le PDF (%s)", safefile.Recovered(r))
		}
	}()
	pdf.RegisterImageOptionsReader(path, fpdf.ImageOptions{ImageType: img.Format}, bytes.NewReader(img.Data))
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("image illisible pour le PDF (%s)", safefile.Cause(err))
	}
	return nil
}
