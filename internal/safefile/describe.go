package safefile

import (
	"archive/zip"
	"compress/flate"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"os"
	"syscall"

	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// Describe says in French what went wrong reading a file, without the
// path and without English from the operating system: the callers' messages
// name the file. An error it cannot classify is described as a reading
// failure, with the original text as a technical detail.
func Describe(err error) string {
	if err == nil {
		return ""
	}
	if s, ok := Known(err); ok {
		return s
	}
	return "lecture impossible (" + Detail(err) + ")"
}

// Cause says in French why an operation failed, for the parentheses of a
// message that already says which operation and on what: « disque plein »,
// « accès refusé (…) ». An error it cannot classify becomes « détail
// technique : » and its escaped text, so that English from Go or a
// library is never the whole message.
func Cause(err error) string {
	if err == nil {
		return ""
	}
	if s, ok := Known(err); ok {
		return s
	}
	return Detail(err)
}

// Detail is the original text of an error a French message could not
// classify, escaped for the terminal and labelled as what it is. For a
// file error, the path is left out (the message names the file) and only
// the system's reason is kept.
func Detail(err error) string {
	var pe *fs.PathError
	var le *os.LinkError
	var se *os.SyscallError
	switch {
	case errors.As(err, &pe):
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	case errors.As(err, &se):
		err = se.Err
	}
	return "détail technique : " + textnorm.Escape(err.Error())
}

// Recovered is the technical detail of a recovered panic, for a message
// that already says, in French, that an internal error occurred: Go's
// runtime errors are English and only useful in a report.
func Recovered(r any) string {
	if err, ok := r.(error); ok {
		return Detail(err)
	}
	return "détail technique : " + textnorm.Escape(fmt.Sprint(r))
}

// errnos describe the system errors a coordinator can meet on an ordinary
// computer: a full or read-only disk, a name too long, a file where a
// folder was expected.
var errnos = map[syscall.Errno]string{
	syscall.ENOSPC:       "disque plein",
	syscall.EDQUOT:       "quota de disque dépassé",
	syscall.EROFS:        "disque en lecture seule",
	syscall.EACCES:       "accès refusé par les droits du fichier ou du dossier",
	syscall.EPERM:        "opération non permise par les droits du fichier ou du dossier",
	syscall.EISDIR:       "c'est un dossier, pas un fichier",
	syscall.ENOTDIR:      "un élément du chemin est un fichier, pas un dossier",
	syscall.ENAMETOOLONG: "nom de fichier ou chemin trop long",
	syscall.EMFILE:       "trop de fichiers ouverts à la fois",
	syscall.ENFILE:       "trop de fichiers ouverts à la fois sur l'ordinateur",
	syscall.EIO:          "erreur de lecture ou d'écriture du disque, peut-être défaillant",
	syscall.ELOOP:        "trop de liens symboliques enchaînés",
	syscall.EBUSY:        "fichier ou dossier occupé par un autre programme",
	syscall.ETXTBSY:      "fichier occupé par un autre programme",
	syscall.EXDEV:        "déplacement impossible d'un disque à un autre",
	syscall.ENOTEMPTY:    "dossier non vide",
	syscall.EEXIST:       "le fichier existe déjà",
	syscall.ENOENT:       "fichier ou dossier introuvable",
}

// Known describes in French the errors it recognises — system errors,
// damaged archives, XML and images, time-outs — and reports whether it
// recognised err, so that a caller can try its own library's errors next.
func Known(err error) (string, bool) {
	var refusal *Error
	var errno syscall.Errno
	var syntax *xml.SyntaxError
	var corrupt flate.CorruptInputError
	var pngFormat png.FormatError
	var pngUnsupported png.UnsupportedError
	var jpegFormat jpeg.FormatError
	var jpegUnsupported jpeg.UnsupportedError
	switch {
	case errors.As(err, &refusal):
		return refusal.Reason, true
	case errors.As(err, &errno):
		if s, ok := errnos[errno]; ok {
			return s, true
		}
		if s, ok := systemErrnos[errno]; ok {
			return s, true
		}
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "fichier ou dossier introuvable", true
	case errors.Is(err, fs.ErrPermission):
		return "accès refusé par les droits du fichier ou du dossier", true
	case errors.Is(err, fs.ErrExist):
		return "le fichier existe déjà", true
	case errors.Is(err, zip.ErrFormat):
		return "ce n'est pas une archive zip, la forme de tout fichier .xlsx", true
	case errors.Is(err, zip.ErrChecksum):
		return "archive zip endommagée : somme de contrôle fausse", true
	case errors.Is(err, zip.ErrAlgorithm):
		return "archive zip compressée d'une manière non prise en charge", true
	case errors.Is(err, zip.ErrInsecurePath):
		return "archive zip dont un nom de fichier sort de l'archive", true
	case errors.As(err, &corrupt):
		return "données compressées endommagées : fichier tronqué ou abîmé", true
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return "fichier tronqué : il s'arrête avant sa fin", true
	case errors.As(err, &syntax):
		return fmt.Sprintf("XML invalide à la ligne %d", syntax.Line), true
	case errors.Is(err, image.ErrFormat):
		return "format d'image inconnu", true
	case errors.As(err, &pngFormat):
		return "image PNG endommagée", true
	case errors.As(err, &pngUnsupported):
		return "image PNG d'un type non pris en charge", true
	case errors.As(err, &jpegFormat):
		return "image JPEG endommagée", true
	case errors.As(err, &jpegUnsupported):
		return "image JPEG d'un type non pris en charge", true
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded):
		return "délai dépassé", true
	case errors.Is(err, context.Canceled):
		return "opération annulée", true
	case errors.Is(err, os.ErrClosed):
		return "fichier déjà fermé : erreur interne, à signaler", true
	}
	return "", false
}
