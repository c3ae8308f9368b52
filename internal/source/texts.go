package source

import (
	"path/filepath"
	"sort"
	"strings"

	"github.com/contrat-local-sante/cls/internal/model"
)

// cellTexts records the text cells a workbook gave, each once, in the
// order they were first read.
type cellTexts struct {
	list []model.CellText
	seen map[string]bool
}

// keep records a text cell read by cellText (col counted from 0, row from
// 1), unless it is blank or already kept: a cell read twice (a fiche's
// status, a sheet both data and chart) is one cell. The header row of a
// table is cls's vocabulary (« Membres du COPIL ajoutés »), not the
// coordinator's text: it is not kept. A statistics sheet of the
// diagnostic has no header on row 1 but its title, which prints.
func (w *workbook) keep(sheet string, col, row int, text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	if row == 1 && (filepath.Base(w.name) != DiagnosticFile || sheet == chartsSheet) {
		return
	}
	ref := cellName(col+1, row)
	key := sheet + "\x00" + ref
	if w.texts.seen == nil {
		w.texts.seen = map[string]bool{}
	}
	if w.texts.seen[key] {
		return
	}
	w.texts.seen[key] = true
	w.texts.list = append(w.texts.list, model.CellText{File: w.name, Sheet: sheet, Cell: ref, Text: text})
}

// texts returns the text cells of every workbook read but the sigles': the
// contract's, the fiches', the diagnostic's, then any other a chart read,
// by name. The sigles' cells define words rather than use them.
func (b *books) texts() []model.CellText {
	order := []string{ContratFile, FichesFile, DiagnosticFile}
	var others []string
	for f := range b.open {
		if f != ContratFile && f != FichesFile && f != DiagnosticFile && f != SiglesFile {
			others = append(others, f)
		}
	}
	sort.Strings(others)
	var out []model.CellText
	for _, f := range append(order, others...) {
		if wb := b.open[f]; wb != nil {
			out = append(out, wb.texts.list...)
		}
	}
	return out
}
