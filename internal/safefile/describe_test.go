package safefile

import (
	"archive/zip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"syscall"
	"testing"
)

func TestCauseSpeaksFrench(t *testing.T) {
	path := func(err error) error { return &fs.PathError{Op: "open", Path: "/tmp/x/contrat.pdf", Err: err} }
	for _, tc := range []struct {
		err  error
		want string
	}{
		{path(syscall.ENOSPC), "disque plein"},
		{fmt.Errorf("write: %w", path(syscall.EROFS)), "disque en lecture seule"},
		{path(syscall.EACCES), "accès refusé par les droits du fichier ou du dossier"},
		{path(syscall.EISDIR), "c'est un dossier, pas un fichier"},
		{path(syscall.ENOTDIR), "un élément du chemin est un fichier, pas un dossier"},
		{path(syscall.ENAMETOOLONG), "nom de fichier ou chemin trop long"},
		{path(syscall.EMFILE), "trop de fichiers ouverts à la fois"},
		{path(fs.ErrNotExist), "fichier ou dossier introuvable"},
		{zip.ErrFormat, "ce n'est pas une archive zip, la forme de tout fichier .xlsx"},
		{zip.ErrChecksum, "archive zip endommagée : somme de contrôle fausse"},
		{fmt.Errorf("reading: %w", io.ErrUnexpectedEOF), "fichier tronqué : il s'arrête avant sa fin"},
		{&xml.SyntaxError{Msg: "unexpected EOF", Line: 3}, "XML invalide à la ligne 3"},
		{context.DeadlineExceeded, "délai dépassé"},
		{&Error{"fichier trop volumineux (40 Mo ; au plus 32 Mo attendus)"}, "fichier trop volumineux (40 Mo ; au plus 32 Mo attendus)"},
		// unknown: the library's text as an escaped detail, a path left out
		{errors.New("pdfcpu: weird \x1b[2J"), "détail technique : pdfcpu: weird <U+001B>[2J"},
		{path(syscall.Errno(0x7fff)), "détail technique : " + syscall.Errno(0x7fff).Error()},
	} {
		if got := Cause(tc.err); got != tc.want {
			t.Errorf("Cause(%v) = %q, want %q", tc.err, got, tc.want)
		}
		if strings.Contains(Cause(tc.err), "/tmp/x") {
			t.Errorf("Cause(%v) names the path", tc.err)
		}
	}
}

func TestDescribeAndRecovered(t *testing.T) {
	if got, want := Describe(errors.New("strange")), "lecture impossible (détail technique : strange)"; got != want {
		t.Errorf("Describe = %q, want %q", got, want)
	}
	if got, want := Describe(&fs.PathError{Op: "read", Path: "a", Err: syscall.EIO}), "erreur de lecture ou d'écriture du disque, peut-être défaillant"; got != want {
		t.Errorf("Describe = %q, want %q", got, want)
	}
	var r any
	func() {
		defer func() { r = recover() }()
		var s []int
		_ = s[3]
	}()
	if got, want := Recovered(r), "détail technique : runtime error: index out of range [3] with length 0"; got != want {
		t.Errorf("Recovered = %q, want %q", got, want)
	}
	if got, want := Recovered("boum\n"), "détail technique : boum<U+000A>"; got != want {
		t.Errorf("Recovered = %q, want %q", got, want)
	}
}
