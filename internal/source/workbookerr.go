package source

import (
	"errors"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/contrat-local-sante/cls/internal/safefile"
)

// workbookCause says in French why excelize could not open or read a
// workbook: its own errors first (a workbook protected by a password is
// not a zip archive but an encrypted container), then the system's and
// the archive's, and only as a last resort the library's English, as a
// technical detail.
func workbookCause(err error) string {
	switch {
	case errors.Is(err, excelize.ErrWorkbookPassword), errors.Is(err, excelize.ErrUnknownEncryptMechanism),
		errors.Is(err, excelize.ErrUnsupportedEncryptMechanism), errors.Is(err, excelize.ErrUnsupportedHashAlgorithm):
		return "classeur protégé par un mot de passe : cls ne peut pas l'ouvrir ; enregistrer une copie sans mot de passe"
	case errors.Is(err, excelize.ErrWorkbookFileFormat):
		return "format de classeur non pris en charge"
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
