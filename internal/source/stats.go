package source

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// DiagnosticFile is the statistics workbook; it is optional.
const DiagnosticFile = "diagnostic.xlsx"

// chartsSheet lists the charts.
const chartsSheet = "Graphiques"

var chartCols = []string{"Identifiant", "Classeur", "Feuille", "Catégories", "Séries", "Type", "Titre", "Axe des valeurs"}

// readStatSheets reads the statistics workbook's tables: one per sheet
// (title, source and unit on top, then a header row and the data), every
// sheet but the one of charts. It reads that workbook only, so it runs
// beside the readers of the others.
func readStatSheets(c *model.Contract, wb *workbook, probs *diag.List) {
	if wb == nil {
		return
	}
	charts, _ := wb.find(chartsSheet)
	for _, sheet := range wb.sheets {
		if sheet == charts {
			continue
		}
		if t := wb.statSheet(sheet, probs); t != nil {
			c.Stats = append(c.Stats, *t)
		}
	}
}

// readCharts reads the statistics workbook's sheet of charts, whose data
// are its tables (readStatSheets) or sheets of other workbooks, opened
// from b.
func readCharts(c *model.Contract, b *books, wb *workbook, probs *diag.List) {
	if wb == nil {
		return
	}
	name := wb.name
	t := wb.sheet(chartsSheet, chartCols, probs)
	if t == nil {
		return
	}
	for i := range t.rows {
		spec := model.ChartSpec{
			ID: t.required(i, "Identifiant", probs), File: t.get(i, "Classeur"), Sheet: t.required(i, "Feuille", probs),
			Category: t.get(i, "Catégories"), Kind: strings.ToLower(t.get(i, "Type")), Title: t.required(i, "Titre", probs),
			ValueAxis: t.get(i, "Axe des valeurs"), Ref: name, RefSheet: chartsSheet, RefCell: t.ref(i, "Identifiant"),
		}
		for _, s := range strings.Split(t.get(i, "Séries"), ",") {
			if s = strings.TrimSpace(s); s != "" {
				spec.Series = append(spec.Series, s)
			}
		}
		if spec.Kind != model.ChartBars && spec.Kind != model.ChartHBars {
			probs.Errorf(name, chartsSheet, t.ref(i, "Type"), "type de graphique « %s » inconnu ; attendu « %s » ou « %s »", t.get(i, "Type"), model.ChartBars, model.ChartHBars)
		}
		// the data: a sheet of this workbook, or of another one
		var data *model.StatTable
		if spec.File == "" {
			for k := range c.Stats {
				if c.Stats[k].Sheet == spec.Sheet {
					data = &c.Stats[k]
				}
			}
			if data == nil && spec.Sheet != "" {
				probs.Errorf(name, chartsSheet, t.ref(i, "Feuille"), "feuille « %s » introuvable dans %s ; attendu le nom d'une feuille de données de ce classeur", spec.Sheet, DiagnosticFile)
			}
		} else if spec.File != filepath.Base(spec.File) || !strings.HasSuffix(strings.ToLower(spec.File), ".xlsx") {
			probs.Errorf(name, chartsSheet, t.ref(i, "Classeur"), "classeur « %s » refusé ; attendu le nom d'un classeur .xlsx du dossier des sources (par exemple contrat.xlsx), sans chemin", spec.File)
		} else {
			w := b.load(spec.File, probs)
			if w != nil && spec.Sheet != "" {
				data = w.plainStatSheet(spec.Sheet, spec.Category, spec.Series, probs)
			}
		}
		if data != nil {
			spec.Data = data
			if spec.Category != "" && spec.File == "" && !strings.EqualFold(spec.Category, data.Category) {
				probs.Errorf(name, chartsSheet, t.ref(i, "Catégories"), "colonne de catégories « %s » absente de la feuille « %s » ; attendu « %s »", spec.Category, spec.Sheet, data.Category)
			}
			for _, s := range spec.Series {
				found := false
				for _, have := range data.Series {
					found = found || have == s
				}
				if !found {
					probs.Errorf(name, chartsSheet, t.ref(i, "Séries"), "série « %s » absente de la feuille « %s » ; séries présentes : %s", s, spec.Sheet, strings.Join(data.Series, ", "))
				}
			}
		}
		c.Charts = append(c.Charts, spec)
	}
}

// statSheet reads a statistics sheet: "Titre", "Source", "Unité" rows,
// then the header row (category, series…) and the data rows.
func (w *workbook) statSheet(s sheetName, probs *diag.List) *model.StatTable {
	rows, ok := w.readRows(s, true, probs)
	if !ok {
		return nil
	}
	sheet := s.clean
	// cell returns a cell's text in normal form, a number as the cell
	// shows it (row and col from 0); label, a label's (see label)
	cell := func(r, c int) string {
		if c >= len(rows[r]) {
			return ""
		}
		return strings.TrimSpace(w.cellText(sheet, c, r+1, w.shown(s.stored, sheet, c, r+1, rows[r][c], probs), probs))
	}
	label := func(r, c int) string {
		if c >= len(rows[r]) {
			return ""
		}
		return strings.TrimSpace(w.cellText(sheet, c, r+1, w.label(s.stored, sheet, c, r+1, rows[r][c], probs), probs))
	}
	blank := func(r int) bool { return strings.TrimSpace(textnorm.Clean(strings.Join(rows[r], ""))) == "" }
	t := &model.StatTable{File: w.name, Sheet: sheet}
	r := 0
	for ; r < len(rows); r++ {
		if blank(r) {
			continue
		}
		key := strings.ToLower(label(r, 0))
		switch key {
		case "titre":
			t.Title = label(r, 1)
			continue
		case "source":
			t.Source = label(r, 1)
			continue
		case "unité", "unite":
			t.Unit = label(r, 1)
			continue
		}
		break
	}
	if r >= len(rows) {
		probs.Errorf(w.name, sheet, "A1", "feuille sans tableau ; attendu les lignes Titre, Source, Unité puis une ligne d'en-têtes (catégorie, séries…) et des lignes de valeurs")
		return nil
	}
	if t.Source == "" {
		probs.Errorf(w.name, sheet, "A2", "source absente ; attendu une ligne « Source » suivie de la source et de l'année (par exemple « INSEE 2021 »)")
	}
	head := r
	t.Category = label(head, 0)
	for c := 1; c < len(rows[head]); c++ {
		t.Series = append(t.Series, label(head, c))
	}
	for len(t.Series) > 0 && t.Series[len(t.Series)-1] == "" {
		t.Series = t.Series[:len(t.Series)-1]
	}
	if len(t.Series) == 0 {
		probs.Errorf(w.name, sheet, cellName(1, r+1), "aucune série ; attendu sur la ligne d'en-têtes le nom de la catégorie puis au moins une série")
		return nil
	}
	for i, s := range t.Series {
		if s == "" {
			probs.Errorf(w.name, sheet, cellName(i+2, r+1), "en-tête de série vide ; attendu un nom de série")
		}
	}
	for rr := r + 1; rr < len(rows); rr++ {
		if blank(rr) {
			continue
		}
		sr := newStatRow(label(rr, 0), len(t.Series))
		if sr.Label == "" {
			probs.Errorf(w.name, sheet, cellName(1, rr+1), "catégorie vide ; attendu le libellé de la ligne")
		}
		for k := range t.Series {
			ref := cellName(k+2, rr+1)
			sr.Cells[k] = ref
			v := cell(rr, k+1)
			if v == "" {
				continue
			}
			n, ok := w.statValue(s.stored, sheet, k+1, rr+1, rows[rr][k+1], v, t.Unit)
			if !ok {
				probs.Errorf(w.name, sheet, ref, "« %s » n'est pas un nombre ; attendu une valeur numérique (%s, %s)", v, sr.Label, t.Series[k])
				continue
			}
			setStat(&sr, k, n)
		}
		t.Rows = append(t.Rows, sr)
	}
	if len(t.Rows) == 0 {
		probs.Errorf(w.name, sheet, cellName(1, r+2), "aucune ligne de valeurs sous les en-têtes ; attendu au moins une ligne")
		return nil
	}
	return t
}

// plainStatSheet reads a sheet whose first row is a header (as in the
// contrat workbook) as a statistics table: the category column and the
// series columns, which must hold numbers.
func (w *workbook) plainStatSheet(sheet, category string, series []string, probs *diag.List) *model.StatTable {
	need := append([]string(nil), series...)
	if category != "" {
		need = append(need, category)
	}
	tb := w.sheet(sheet, need, probs)
	if tb == nil {
		return nil
	}
	st := &model.StatTable{File: w.name, Sheet: tb.sheet, Category: category, Series: series}
	if category == "" {
		for h, i := range tb.cols {
			if i == 0 {
				st.Category = h
			}
		}
	}
	for i := range tb.rows {
		r := newStatRow(tb.getLabel(i, st.Category), len(series))
		for k, s := range series {
			r.Cells[k] = tb.ref(i, s)
			v := tb.get(i, s)
			if v == "" {
				continue
			}
			c := tb.cols[normHeader(s)]
			n, ok := w.statValue(tb.stored, tb.sheet, c, tb.lines[i], tb.rows[i][c], v, "")
			if !ok {
				probs.Errorf(w.name, sheet, tb.ref(i, s), "« %s » n'est pas un nombre ; attendu une valeur numérique (%s)", v, s)
				continue
			}
			setStat(&r, k, n)
		}
		st.Rows = append(st.Rows, r)
	}
	return st
}

func newStatRow(label string, n int) model.StatRow {
	r := model.StatRow{Label: label, Values: make([]float64, n), Set: make([]bool, n), Decimals: make([]int, n), Cells: make([]string, n)}
	for i := range r.Decimals {
		r.Decimals[i] = -1
	}
	return r
}

// parseNumber reads a number written with a dot or a comma, with spaces
// between thousands and an optional % sign.
func parseNumber(s string) (float64, bool) {
	s = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "", "%", "").Replace(strings.TrimSpace(s))
	s = strings.Replace(s, ",", ".", 1)
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

func cellName(col, row int) string {
	n, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return ""
	}
	return n
}
