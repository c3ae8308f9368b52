package source

import (
	"os"
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

// readStats reads the statistics workbook: one table per sheet (title,
// source and unit on top, then a header row and the data) and the sheet
// of charts.
func readStats(c *model.Contract, b *books, probs *diag.List) {
	if _, err := os.Stat(filepath.Join(b.dir, DiagnosticFile)); err != nil {
		return // a contract may have no statistics
	}
	wb := b.load(DiagnosticFile, probs)
	if wb == nil {
		return
	}
	name := wb.name
	charts, _ := wb.find(chartsSheet)
	for _, sheet := range wb.sheets {
		if sheet == charts {
			continue
		}
		if t := wb.statSheet(sheet, probs); t != nil {
			c.Stats = append(c.Stats, *t)
		}
	}
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
	// cell returns a cell's text in normal form (row and col from 0)
	cell := func(r, c int) string {
		if c >= len(rows[r]) {
			return ""
		}
		return strings.TrimSpace(w.cellText(sheet, c, r+1, rows[r][c], probs))
	}
	blank := func(r int) bool { return strings.TrimSpace(textnorm.Clean(strings.Join(rows[r], ""))) == "" }
	t := &model.StatTable{File: w.name, Sheet: sheet}
	r := 0
	for ; r < len(rows); r++ {
		if blank(r) {
			continue
		}
		key := strings.ToLower(cell(r, 0))
		switch key {
		case "titre":
			t.Title = cell(r, 1)
			continue
		case "source":
			t.Source = cell(r, 1)
			continue
		case "unité", "unite":
			t.Unit = cell(r, 1)
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
	t.Category = cell(head, 0)
	for c := 1; c < len(rows[head]); c++ {
		t.Series = append(t.Series, cell(head, c))
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
		sr := newStatRow(cell(rr, 0), len(t.Series))
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
			n, ok := parseNumber(v)
			if !ok {
				probs.Errorf(w.name, sheet, ref, "« %s » n'est pas un nombre ; attendu une valeur numérique (%s, %s)", v, sr.Label, t.Series[k])
				continue
			}
			sr.Values[k], sr.Set[k], sr.Decimals[k] = n, true, w.decimals(s.stored, ref, v)
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
		r := newStatRow(tb.get(i, st.Category), len(series))
		for k, s := range series {
			r.Cells[k] = tb.ref(i, s)
			v := tb.get(i, s)
			if v == "" {
				continue
			}
			n, ok := parseNumber(v)
			if !ok {
				probs.Errorf(w.name, sheet, tb.ref(i, s), "« %s » n'est pas un nombre ; attendu une valeur numérique (%s)", v, s)
				continue
			}
			r.Values[k], r.Set[k], r.Decimals[k] = n, true, w.decimals(tb.stored, r.Cells[k], v)
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

// builtinDecimals are the decimals of Excel's built-in number formats.
var builtinDecimals = map[int]int{1: 0, 2: 2, 3: 0, 4: 2, 9: 0, 10: 2, 11: 2, 37: 0, 38: 0, 39: 2, 40: 2, 48: 1}

// decimals tells how many decimals a number cell shows: from its number
// format when it has one, else from the text as typed ("21,40" → 2);
// -1 when nothing says (General format): the value is then written with
// just the decimals it needs.
func (w *workbook) decimals(sheet, cell, raw string) int {
	if id, err := w.f.GetCellStyle(sheet, cell); err == nil && id > 0 {
		if st, err := w.f.GetStyle(id); err == nil {
			if st.CustomNumFmt != nil {
				return formatDecimals(*st.CustomNumFmt)
			}
			if d, ok := builtinDecimals[st.NumFmt]; ok {
				return d
			}
		}
	}
	typ, err := w.f.GetCellType(sheet, cell)
	if err == nil && (typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString) {
		s := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(raw), "%"))
		if i := strings.LastIndexAny(s, ".,"); i >= 0 {
			return len(s) - i - 1
		}
		return 0
	}
	return -1
}

// formatDecimals counts the decimals of a number format code ("#,##0.00").
func formatDecimals(code string) int {
	code, _, _ = strings.Cut(code, ";")
	i := strings.IndexByte(code, '.')
	if i < 0 {
		return 0
	}
	n := 0
	for _, c := range code[i+1:] {
		if c != '0' && c != '#' {
			break
		}
		n++
	}
	return n
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
