// Package source reads a territory's sources (the workbooks under
// sources/ and the Markdown templates under templates/) into the model.
// It reports every problem it meets, with file, sheet and cell, and goes
// on reading so that the coordinator sees them all at once.
package source

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/contrat-local-sante/cls/internal/diag"
)

// Bounds on what a workbook may unpack to: a real contract's workbooks are
// well under a megabyte, so these only stop zip bombs.
const (
	unzipLimit    = 64 << 20
	unzipXMLLimit = 32 << 20
)

// workbook is an open .xlsx file.
type workbook struct {
	f    *excelize.File
	name string // as shown to the user, e.g. "sources/contrat.xlsx"
}

// openWorkbook opens path, refusing other formats with a clear message.
func openWorkbook(path, name string, probs *diag.List) *workbook {
	ext := strings.ToLower(filepath.Ext(path))
	if _, err := os.Stat(path); err != nil {
		base := strings.TrimSuffix(path, filepath.Ext(path))
		for _, other := range []string{".xls", ".ods", ".csv", ".XLS", ".ODS"} {
			if _, err := os.Stat(base + other); err == nil {
				probs.Errorf(name, "", "", "classeur introuvable, mais %s existe : format %s non pris en charge ; attendu un classeur .xlsx (dans Excel ou LibreOffice : Enregistrer sous… > Classeur Excel .xlsx)", filepath.Base(base+other), strings.ToLower(other))
				return nil
			}
		}
		probs.Errorf(name, "", "", "classeur introuvable ; attendu un fichier Excel .xlsx à cet emplacement")
		return nil
	}
	if ext != ".xlsx" {
		probs.Errorf(name, "", "", "format « %s » non pris en charge ; attendu un classeur .xlsx (dans Excel ou LibreOffice : Enregistrer sous… > Classeur Excel .xlsx)", ext)
		return nil
	}
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit})
	if err != nil && strings.Contains(err.Error(), "unzip size exceeds") {
		probs.Errorf(name, "", "", "classeur refusé : il dépasse %d Mo une fois décompressé ; attendu un classeur de contrat (moins d'un mégaoctet) : le fichier est corrompu ou n'est pas un vrai classeur", unzipLimit>>20)
		return nil
	}
	if err != nil {
		probs.Errorf(name, "", "", "classeur illisible (%v) ; attendu un fichier .xlsx valide, enregistré depuis Excel ou LibreOffice", err)
		return nil
	}
	return &workbook{f: f, name: name}
}

func (w *workbook) close() {
	if w != nil {
		_ = w.f.Close()
	}
}

// table is a sheet read as a header row and data rows.
type table struct {
	wb    *workbook
	sheet string
	cols  map[string]int // normalised header → column index
	rows  [][]string     // data rows (header excluded)
	lines []int          // spreadsheet row number of each data row
}

// normHeader folds a header for matching: trimmed, lower case.
func normHeader(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// sheet reads a sheet whose first row holds the given column headers.
// Missing sheets and missing required columns are reported; blank rows
// are skipped.
func (w *workbook) sheet(name string, required []string, probs *diag.List) *table {
	if w == nil {
		return nil
	}
	idx, err := w.f.GetSheetIndex(name)
	if err != nil || idx < 0 {
		probs.Errorf(w.name, "", "", "feuille « %s » introuvable ; feuilles présentes : %s", name, strings.Join(w.f.GetSheetList(), ", "))
		return nil
	}
	rows, err := w.f.GetRows(name, excelize.Options{RawCellValue: false})
	if err != nil {
		probs.Errorf(w.name, name, "", "feuille illisible : %v", err)
		return nil
	}
	t := &table{wb: w, sheet: name, cols: map[string]int{}}
	if len(rows) == 0 {
		probs.Errorf(w.name, name, "A1", "feuille vide ; attendu une ligne d'en-têtes : %s", strings.Join(required, " | "))
		return nil
	}
	for i, h := range rows[0] {
		if k := normHeader(h); k != "" {
			if _, dup := t.cols[k]; !dup {
				t.cols[k] = i
			}
		}
	}
	ok := true
	for _, h := range required {
		if _, found := t.cols[normHeader(h)]; !found {
			*probs = append(*probs, diag.Problem{Severity: diag.Error, File: w.name, Sheet: name, Line: 1,
				Message: fmt.Sprintf("colonne « %s » absente de la ligne d'en-têtes ; en-têtes attendus : %s", h, strings.Join(required, " | "))})
			ok = false
		}
	}
	if !ok {
		return nil
	}
	for r := 1; r < len(rows); r++ {
		blank := true
		for _, v := range rows[r] {
			if strings.TrimSpace(v) != "" {
				blank = false
				break
			}
		}
		if blank {
			continue
		}
		t.rows = append(t.rows, rows[r])
		t.lines = append(t.lines, r+1)
	}
	return t
}

// get returns the trimmed value of column col in data row i, with the
// workbook's line endings normalised.
func (t *table) get(i int, col string) string {
	c, ok := t.cols[normHeader(col)]
	if !ok || c >= len(t.rows[i]) {
		return ""
	}
	v := strings.ReplaceAll(t.rows[i][c], "\r\n", "\n")
	v = strings.ReplaceAll(v, "_x000D_", "")
	return strings.TrimSpace(v)
}

// ref returns the A1 reference of column col in data row i.
func (t *table) ref(i int, col string) string {
	c, ok := t.cols[normHeader(col)]
	if !ok {
		return ""
	}
	name, err := excelize.CoordinatesToCellName(c+1, t.lines[i])
	if err != nil {
		return fmt.Sprint(t.lines[i])
	}
	return name
}

// required returns the value and reports it when empty.
func (t *table) required(i int, col string, probs *diag.List) string {
	v := t.get(i, col)
	if v == "" {
		probs.Errorf(t.wb.name, t.sheet, t.ref(i, col), "cellule vide ; attendu : %s", col)
	}
	return v
}

// integer returns the value as a whole number and reports text.
func (t *table) integer(i int, col string, probs *diag.List) int {
	v := t.get(i, col)
	var n int
	if _, err := fmt.Sscanf(strings.ReplaceAll(v, "\u00a0", ""), "%d", &n); err != nil || fmt.Sprint(n) != strings.ReplaceAll(strings.ReplaceAll(v, " ", ""), "\u00a0", "") {
		probs.Errorf(t.wb.name, t.sheet, t.ref(i, col), "« %s » n'est pas un nombre entier ; attendu un nombre (%s)", v, col)
		return 0
	}
	return n
}

func (t *table) len() int {
	if t == nil {
		return 0
	}
	return len(t.rows)
}
