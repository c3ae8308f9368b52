package source

import (
	"bytes"
	"errors"
	"io"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/contrat-local-sante/cls/internal/safefile"
)

// workbookCause says in French why excelize could not open or read a
// workbook: its own errors first (a workbook protected by a password, like
// an old .xls, is not a zip archive but an OLE container), then the system's and
// the archive's, and only as a last resort the library's English, as a
// technical detail.
func workbookCause(err error) string {
	switch {
	case errors.Is(err, excelize.ErrWorkbookPassword), errors.Is(err, excelize.ErrUnknownEncryptMechanism),
		errors.Is(err, excelize.ErrUnsupportedEncryptMechanism), errors.Is(err, excelize.ErrUnsupportedHashAlgorithm):
		return "classeur protégé par un mot de passe : cls ne peut pas l'ouvrir ; enregistrer une copie sans mot de passe"
	case errors.Is(err, excelize.ErrWorkbookFileFormat):
		return "ce n'est pas un classeur .xlsx : peut-être un ancien classeur .xls renommé, ou un classeur protégé par un mot de passe"
	case errors.Is(err, excelize.ErrMaxRows):
		return "numéro de ligne trop grand"
	}
	if s, ok := safefile.Known(err); ok {
		return s
	}
	if strings.HasPrefix(err.Error(), "zip: ") {
		return "ce n'est pas une archive zip, la forme de tout fichier .xlsx"
	}
	return safefile.Detail(err)
}

// oleSignature starts every OLE compound file: the format of Excel 97's
// .xls, and the container Excel puts a workbook in when it is saved with
// a password.
var oleSignature = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// oleContainer reports whether the file at path is an OLE compound file
// rather than the zip archive of an .xlsx.
func oleContainer(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, len(oleSignature))
	_, err = io.ReadFull(f, head)
	return err == nil && bytes.Equal(head, oleSignature)
}
