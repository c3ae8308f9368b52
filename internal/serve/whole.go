package serve

import (
	"archive/zip"
	"path/filepath"
	"strings"
	"time"

	"github.com/contrat-local-sante/cls/internal/safefile"
)

// A workbook is a zip archive whose table of contents is written last: a
// workbook read while Excel or LibreOffice is still writing it is not a
// zip archive yet. Before a rebuild, a changed workbook that does not
// open is given a little more time, a few tries, before the build reads
// it and reports it damaged.
const (
	wholeTries = 8
	wholeWait  = 250 * time.Millisecond
)

// awaitWhole waits, at most wholeTries times wholeWait, until every
// workbook among paths opens as a zip archive, and reports whether they
// all did. sleep is time.Sleep, replaced in tests.
func awaitWhole(paths []string, sleep func(time.Duration)) bool {
	var books []string
	for _, p := range paths {
		// a file that is missing, not regular (a FIFO would block the
		// reader) or too big is the build's to report, at once
		if strings.EqualFold(filepath.Ext(p), ".xlsx") && safefile.Check(p, safefile.WorkbookLimit) == nil {
			books = append(books, p)
		}
	}
	for try := 0; ; try++ {
		pending := books[:0:0]
		for _, p := range books {
			if !opens(p) {
				pending = append(pending, p)
			}
		}
		if len(pending) == 0 {
			return true
		}
		if try == wholeTries-1 {
			return false
		}
		books = pending
		sleep(wholeWait)
	}
}

// opens reports whether the file at p reads as a zip archive (its table
// of contents only: cheap).
func opens(p string) bool {
	r, err := zip.OpenReader(p)
	if err != nil {
		return false
	}
	r.Close()
	return true
}
