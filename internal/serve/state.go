package serve

import (
	"os"
	"time"

	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/model"
)

// maxResults bounds the actions' results kept for the page, and the
// files it serves with them.
const maxResults = 20

// state is what the page shows; Server.mu guards it.
type state struct {
	// gen grows with every change of what the page shows, so that the
	// page asks for the new state only when there is one.
	gen int
	// building is set while the preview is being rebuilt.
	building bool
	// cfg is cls.yaml as last read: the territory, the output's place.
	cfg *config.Config
	// good is the last preview built without error; it stays shown while
	// the sources are broken.
	good *built
	// attempt is the last rebuild, good or not.
	attempt attempt
	// crowded are the watched folders that hold more than maxWatched
	// entries, as the page names them: saves beyond are not seen.
	crowded []string
	// acting names the action running, if any.
	acting string
	// results are the actions' results, newest first.
	results []*result
	nextID  int
}

// built is a contract built in memory.
type built struct {
	pdf      []byte
	sha256   string
	pages    int
	version  string
	file     string // sortie.fichier, the name it is offered under
	at       time.Time
	took     time.Duration
	contract *model.Contract
}

// attempt is the outcome of one rebuild.
type attempt struct {
	at       time.Time
	took     time.Duration
	problems diag.List // errors and warnings, located
	failure  string    // what stopped the build and is not located
	ok       bool
	// unsettled is set when a workbook was still not a whole zip archive
	// after the retries: probably still being written.
	unsettled bool
}

// result is an action's outcome.
type result struct {
	id       int
	title    string
	ok       bool
	lines    []string
	problems diag.List
	at       time.Time
	// file is the path of the document the action wrote, served at
	// /fichiers/ID/NAME; empty when it wrote none.
	file string
	// written is the file as the action left it: only that file is
	// served, not whatever takes its name later (a link to anywhere, a
	// newer build).
	written os.FileInfo
}
