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
	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// Bounds on what a workbook may unpack to: a real contract's workbooks are
// well under a megabyte, so this only stops zip bombs. Every part is kept
// in memory (the XML limit equals the total one), where it can be checked
// before it is read.
const (
	unzipLimit    = 64 << 20
	unzipXMLLimit = unzipLimit
)

// workbook is an open .xlsx file.
type workbook struct {
	f      *excelize.File
	name   string  // as shown to the user, e.g. "sources/contrat.xlsx"
	glyphs *glyphs // what the fonts can draw; nil: no check
	sheets []sheetName
	failed map[string]bool // sheets already reported unreadable
	texts  cellTexts       // the text cells read, for the model's Texts

	formats cellFormats // number formats met, to show numbers (cellformat.go)

	kept *cachedBook // the cache's copy (cache.go), which outlives this reading
}

// sheetName is a sheet's name as stored in the file and in normal form (a
// workbook saved on macOS may store « E\u0301valuation »).
type sheetName struct {
	stored, clean string
}

// openWorkbook opens path, refusing other formats and damaged files with
// a clear message.
func openWorkbook(path, name string, g *glyphs, probs *diag.List) *workbook {
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
	// a FIFO would block the reader for ever, a device never end; a link
	// out of the sources folder would carry a foreign file into the PDF
	err := safefile.Inside(path, filepath.Dir(path))
	if err == nil {
		err = safefile.Check(path, safefile.WorkbookLimit)
	}
	if err != nil {
		probs.Errorf(name, "", "", "classeur refusé : %s ; attendu un classeur .xlsx enregistré par Excel ou LibreOffice", safefile.Describe(err))
		return nil
	}
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit})
	if err != nil && strings.Contains(err.Error(), "unzip size exceeds") {
		probs.Errorf(name, "", "", "classeur refusé : il dépasse %d Mo une fois décompressé ; attendu un classeur de contrat (moins d'un mégaoctet) : le fichier est corrompu ou n'est pas un vrai classeur", unzipLimit>>20)
		return nil
	}
	if err != nil {
		if part, xerr := firstBadPart(path); xerr != nil {
			probs.Errorf(name, "", "", "%s", damaged(partLabel(part), xerr))
			return nil
		}
		if oleContainer(path) {
			probs.Errorf(name, "", "", "classeur protégé par un mot de passe, ou ancien classeur .xls renommé en .xlsx ; attendu un classeur .xlsx sans mot de passe (dans Excel ou LibreOffice : Enregistrer sous… > Classeur Excel .xlsx, sans mot de passe)")
			return nil
		}
		probs.Errorf(name, "", "", "classeur illisible (%s) ; attendu un fichier .xlsx valide, enregistré depuis Excel ou LibreOffice", workbookCause(err))
		return nil
	}
	w := &workbook{f: f, name: name, glyphs: g}
	if !w.checkParts(probs) || !w.checkSharedStrings(probs) {
		w.close()
		return nil
	}
	for _, s := range f.GetSheetList() {
		w.sheets = append(w.sheets, sheetName{stored: s, clean: textnorm.Clean(s)})
	}
	return w
}

func (w *workbook) close() {
	if w != nil && w.kept == nil {
		_ = w.f.Close()
	}
}

// find returns the sheet called name, comparing names in normal form and
// regardless of case, as Excel does.
func (w *workbook) find(name string) (sheetName, bool) {
	for _, s := range w.sheets {
		if s.clean == name {
			return s, true
		}
	}
	for _, s := range w.sheets {
		if strings.EqualFold(s.clean, name) {
			return s, true
		}
	}
	return sheetName{}, false
}

// sheetList returns the sheets' names in normal form, in workbook order.
func (w *workbook) sheetList() []string {
	out := make([]string, len(w.sheets))
	for i, s := range w.sheets {
		out[i] = s.clean
	}
	return out
}

// MaxRows bounds the filled rows of one sheet: the longest sheet of a real
// contract (its sigles) has under a hundred; a sheet of hundreds of
// thousands of rows would take seconds and hundreds of megabytes to lay out
// before the page guard stopped it.
const MaxRows = 10000

// readRows reads every row of a sheet, its cells as stored (raw: numbers
// unformatted, to be shown in French by number; else as excelize formats
// them, in English). Unlike excelize's GetRows, which stops at the first row it
// cannot read and returns what came before as if it were the whole sheet,
// it reports the damage and returns false.
func (w *workbook) readRows(s sheetName, raw bool, probs *diag.List) ([][]string, bool) {
	if w.kept == nil {
		return w.readAllRows(s, raw, probs)
	}
	if rows, ok := w.kept.keptRows(s.stored, raw); ok {
		return rows, true
	}
	var mine diag.List
	rows, ok := w.readAllRows(s, raw, &mine)
	*probs = append(*probs, mine...)
	if ok && len(mine) == 0 {
		w.kept.keepRows(s.stored, raw, rows)
	}
	return rows, ok
}

// readAllRows is readRows without the cache.
func (w *workbook) readAllRows(s sheetName, raw bool, probs *diag.List) ([][]string, bool) {
	it, err := w.f.Rows(s.stored)
	if err != nil {
		probs.Errorf(w.name, s.clean, "", "feuille illisible (%s) ; attendu une feuille enregistrée par Excel ou LibreOffice", workbookCause(err))
		return nil, false
	}
	defer it.Close()
	var out [][]string
	filled := 0
	opts := excelize.Options{RawCellValue: raw}
	for n := 1; it.Next(); n++ {
		row, err := it.Columns(opts)
		if err != nil {
			probs.Errorf(w.name, s.clean, "", "classeur endommagé : la ligne %d de la feuille est illisible (%s) ; attendu un classeur enregistré par Excel ou LibreOffice : rouvrir le fichier et l'enregistrer de nouveau, ou le restaurer depuis une sauvegarde", n, workbookCause(err))
			return nil, false
		}
		if len(row) > 0 {
			if filled++; filled > MaxRows {
				probs.Errorf(w.name, s.clean, "", "feuille trop longue : plus de %d lignes remplies ; attendu une feuille de contrat (quelques centaines de lignes au plus) : le classeur contient-il des lignes en trop, collées par erreur ?", MaxRows)
				return nil, false
			}
			for len(out) < n-1 {
				out = append(out, nil)
			}
			out = append(out, row)
		}
	}
	if err := it.Error(); err != nil {
		probs.Errorf(w.name, s.clean, "", "feuille illisible (%s) ; attendu au plus %d lignes", workbookCause(err), excelize.TotalRows)
		return nil, false
	}
	return out, true
}

// table is a sheet read as a header row and data rows.
type table struct {
	wb     *workbook
	sheet  string         // name in normal form, for messages
	stored string         // name as stored, for excelize
	cols   map[string]int // normalised header → column index
	rows   [][]string     // data rows (header excluded), as stored (numbers unformatted)
	lines  []int          // spreadsheet row number of each data row
	probs  *diag.List     // where reading a cell reports what it finds
}

// normHeader folds a header, already in normal form, for matching:
// trimmed, lower case.
func normHeader(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// sheet reads a sheet whose first row holds the given column headers,
// or a row under a title (see headerRow). Missing sheets and missing
// required columns are reported; blank rows are skipped.
func (w *workbook) sheet(name string, required []string, probs *diag.List) *table {
	if w == nil || w.failed[name] {
		return nil // a sheet read twice (data and a chart) is reported once
	}
	if t := w.readTable(name, required, probs); t != nil {
		return t
	}
	if w.failed == nil {
		w.failed = map[string]bool{}
	}
	w.failed[name] = true
	return nil
}

func (w *workbook) readTable(name string, required []string, probs *diag.List) *table {
	s, ok := w.find(name)
	if !ok {
		probs.Errorf(w.name, "", "", "feuille « %s » introuvable ; feuilles présentes : %s", name, strings.Join(w.sheetList(), ", "))
		return nil
	}
	rows, ok := w.readRows(s, true, probs)
	if !ok {
		return nil
	}
	t := &table{wb: w, sheet: s.clean, stored: s.stored, cols: map[string]int{}, probs: probs}
	if len(rows) == 0 {
		probs.Errorf(w.name, s.clean, "A1", "feuille vide ; attendu une ligne d'en-têtes : %s", strings.Join(required, " | "))
		return nil
	}
	hdr, ok := w.headerRow(s.clean, rows, required, probs)
	if !ok {
		return nil
	}
	for i, h := range rows[hdr] {
		if k := normHeader(w.cellText(s.clean, i, hdr+1, w.label(s.stored, s.clean, i, hdr+1, h, probs), probs)); k != "" {
			if _, dup := t.cols[k]; !dup {
				t.cols[k] = i
			}
		}
	}
	var missing []string
	for _, h := range required {
		if _, found := t.cols[normHeader(h)]; !found {
			missing = append(missing, h)
		}
	}
	if len(missing) > 0 {
		// one message for the header line: the rows below are not read,
		// and say nothing more about it
		what := fmt.Sprintf("colonne « %s » absente", missing[0])
		if len(missing) > 1 {
			what = "colonnes « " + strings.Join(missing, " », « ") + " » absentes"
		}
		*probs = append(*probs, diag.Problem{Severity: diag.Error, File: w.name, Sheet: s.clean, Line: hdr + 1,
			Message: fmt.Sprintf("%s de la ligne d'en-têtes ; en-têtes attendus : %s", what, strings.Join(required, " | "))})
		return nil
	}
	for r := hdr + 1; r < len(rows); r++ {
		blank := true
		for _, v := range rows[r] {
			if strings.TrimSpace(textnorm.Clean(v)) != "" {
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

// get returns the trimmed value of column col in data row i, in normal
// form (see cellText): a number as its cell shows it, in French (see
// number).
func (t *table) get(i int, col string) string {
	c, ok := t.cols[normHeader(col)]
	if !ok || c >= len(t.rows[i]) {
		return ""
	}
	v := t.wb.shown(t.stored, t.sheet, c, t.lines[i], t.rows[i][c], t.probs)
	return strings.TrimSpace(t.wb.cellText(t.sheet, c, t.lines[i], v, t.probs))
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

// integer returns the value as a whole number and reports text. Spaces
// between thousands, typed or shown by the cell's format (« 1 234 »),
// are allowed.
func (t *table) integer(i int, col string, probs *diag.List) int {
	v := t.get(i, col)
	digits := strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "").Replace(v)
	var n int
	if _, err := fmt.Sscanf(digits, "%d", &n); err != nil || fmt.Sprint(n) != digits {
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
