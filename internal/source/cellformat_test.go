package source

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// formatsDir holds workbooks made as a coordinator makes them in
// LibreOffice Calc: each .fods (flat XML, readable) with the .xlsx Calc
// saved from it.
const formatsDir = "testdata/formats"

// Narrow and ordinary no-break spaces, as the contract prints them in
// numbers: « 12 345 », « 14,2 % ».
const (
	nnbsp = "\u202f"
	nbsp  = "\u00a0"
)

// formatDirs returns the folders of .xlsx files to read: the ones kept in
// testdata, and, when LibreOffice is installed, ones it converts afresh
// from the .fods, so that the test follows what Calc really writes. The
// conversion runs once for the package's tests (LibreOffice takes some
// seconds to start); -short skips it.
func formatDirs(t *testing.T) []string {
	dirs := []string{formatsDir}
	if testing.Short() {
		return dirs
	}
	converted.once.Do(func() { converted.dir, converted.err = convertFods() })
	switch {
	case converted.err == errNoLibreOffice:
		t.Log("LibreOffice (soffice) absent: only the .xlsx kept in testdata are read")
	case converted.err != nil:
		t.Fatal(converted.err)
	default:
		dirs = append(dirs, converted.dir)
	}
	return dirs
}

var converted struct {
	once sync.Once
	dir  string
	err  error
}

var errNoLibreOffice = errors.New("soffice absent")

// convertFods has LibreOffice save every .fods of testdata/formats as
// .xlsx, in a folder removed when the tests end (TestMain).
func convertFods() (string, error) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		return "", errNoLibreOffice
	}
	fods, _ := filepath.Glob(filepath.Join(formatsDir, "*.fods"))
	tmp, err := os.MkdirTemp("", "cls-fods-")
	if err != nil {
		return "", err
	}
	cleanups = append(cleanups, func() { os.RemoveAll(tmp) })
	out, profile := filepath.Join(tmp, "xlsx"), filepath.Join(tmp, "profile")
	// its own profile: a LibreOffice already open does not interfere
	args := append([]string{"-env:UserInstallation=file://" + filepath.ToSlash(profile), "--headless", "--convert-to", "xlsx", "--outdir", out}, fods...)
	if b, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		return "", fmt.Errorf("soffice: %v\n%s", err, b)
	}
	for _, f := range fods {
		x := filepath.Join(out, strings.TrimSuffix(filepath.Base(f), ".fods")+".xlsx")
		if _, err := os.Stat(x); err != nil {
			return "", fmt.Errorf("soffice did not write %s", x)
		}
	}
	return out, nil
}

// show makes no-break spaces visible in failure messages.
func show(s string) string {
	return strings.NewReplacer(nbsp, "⍽", nnbsp, "·").Replace(s)
}

func openFixture(t *testing.T, path string, probs *diag.List) *workbook {
	t.Helper()
	wb := openWorkbook(path, filepath.Base(path), nil, probs)
	if wb == nil {
		t.Fatalf("%s: %v", path, *probs)
	}
	t.Cleanup(wb.close)
	return wb
}

// TestCellsPrintWhatTheyShow: a date prints in French whatever its
// format's language, a number as its format shows it with French
// typography, text as typed; a format that cannot be shown is a warning
// with its cell and what prints instead.
func TestCellsPrintWhatTheyShow(t *testing.T) {
	want := map[string]string{
		"date longue sans langue":          "mardi 11 mars 2025",
		"date longue anglais (États-Unis)": "jeudi 27 mars 2025",
		"date longue français":             "mardi 11 mars 2025",
		"date longue sans jour":            "1er juillet 2025",
		"J-MMM-AA":                         "25 février 2025",
		"JJ/MM/AAAA":                       "11/03/2025",
		"pourcentage":                      "14,2" + nbsp + "%",
		"milliers":                         "12" + nnbsp + "345",
		"décimales":                        "1" + nnbsp + "234" + nnbsp + "567,50",
		"euros":                            "1" + nnbsp + "500,00" + nbsp + "€",
		"standard":                         "76,5",
		"texte":                            "92 %",
		"fraction":                         "0,5",
		"scientifique":                     "12345",
	}
	wantProbs := []string{
		"avertissement : formats.xlsx, feuille « Cellules », cellule B14 : format de nombre « # ?/? » non pris en charge : la cellule s'imprime « 0,5 » ; attendu un format de date, de nombre ou de pourcentage simple",
		"avertissement : formats.xlsx, feuille « Cellules », cellule B15 : format de nombre « 0.00E+00 » non pris en charge : la cellule s'imprime « 12345 » ; attendu un format de date, de nombre ou de pourcentage simple",
	}
	for _, dir := range formatDirs(t) {
		var probs diag.List
		wb := openFixture(t, filepath.Join(dir, "formats.xlsx"), &probs)
		tb := wb.sheet("Cellules", []string{"Cas", "Valeur"}, &probs)
		if tb == nil {
			t.Fatalf("%s: %v", dir, probs)
		}
		seen := 0
		for i := range tb.rows {
			c := tb.get(i, "Cas")
			w, ok := want[c]
			if !ok {
				t.Errorf("%s: unexpected row %q", dir, c)
				continue
			}
			seen++
			if got := tb.get(i, "Valeur"); got != w {
				t.Errorf("%s: %s prints %q, want %q", dir, c, show(got), show(w))
			}
		}
		if seen != len(want) {
			t.Errorf("%s: %d cases read, want %d", dir, seen, len(want))
		}
		var got []string
		for _, p := range probs.Dedup() {
			got = append(got, p.String())
		}
		if strings.Join(got, "\n") != strings.Join(wantProbs, "\n") {
			t.Errorf("%s: problems:\n%s\nwant:\n%s", dir, strings.Join(got, "\n"), strings.Join(wantProbs, "\n"))
		}
	}
}

// TestStatisticsShowTheirFormat: a percentage cell of a statistics sheet
// is read as the percentage it shows and prints with its sign; thousands
// are grouped; years in the header stay years; a sheet whose unit is
// « % » lets the unit print the sign.
func TestStatisticsShowTheirFormat(t *testing.T) {
	for _, dir := range formatDirs(t) {
		var probs diag.List
		wb := openFixture(t, filepath.Join(dir, "formats.xlsx"), &probs)
		s, _ := wb.find("Taux")
		st := wb.statSheet(s, &probs)
		if st == nil || len(probs) > 0 {
			t.Fatalf("%s: %v", dir, probs)
		}
		if strings.Join(st.Series, "|") != "2023|2024" {
			t.Errorf("%s: series %q, want 2023|2024", dir, st.Series)
		}
		texts := func(st *model.StatTable) string {
			var out []string
			for _, r := range st.Rows {
				for k := range r.Values {
					out = append(out, r.Label+" "+st.Series[k]+" : "+r.Text(k))
				}
			}
			return show(strings.Join(out, "\n"))
		}
		want := show(strings.Join([]string{
			"Évreux 2023 : 14,2" + nbsp + "%",
			"Évreux 2024 : 15" + nbsp + "%",
			"Vernon 2023 : 12" + nnbsp + "345",
			"Vernon 2024 : 9,5" + nbsp + "%",
		}, "\n"))
		if got := texts(st); got != want {
			t.Errorf("%s: printed\n%s\nwant\n%s", dir, got, want)
		}
		if v := st.Rows[0].Values[0]; v != 14.2 {
			t.Errorf("%s: 14,2 %% read as %v, want 14.2 (the bar's length)", dir, v)
		}
		s, _ = wb.find("Parts")
		st = wb.statSheet(s, &probs)
		if st == nil || len(probs) > 0 {
			t.Fatalf("%s: %v", dir, probs)
		}
		want = show("Évreux Part : 14,2\nVernon Part : 9,5")
		if got := texts(st); got != want || st.Unit != "%" {
			t.Errorf("%s: with the unit « %s »: printed\n%s\nwant\n%s", dir, st.Unit, got, want)
		}
	}
}

// TestEvaluationValuesShowTheirFormat: « 92 % » typed in an evaluation
// value prints « 92 % » and counts 92; a percentage cell and a number
// with thousands print as they show.
func TestEvaluationValuesShowTheirFormat(t *testing.T) {
	c := &model.Contract{Fiches: []model.Fiche{{Code: "FA1.1", Evaluation: []model.Indicator{
		{Kind: "résultats", Type: "indicateur", Text: "Taux de dépistage"},
		{Kind: "processus", Type: "indicateur", Text: "Personnes reçues"},
	}}}, Files: model.Files{Fiches: "sources/fiches.xlsx"}}
	for _, dir := range formatDirs(t) {
		sources := filepath.Join(t.TempDir(), "sources")
		b, err := os.ReadFile(filepath.Join(dir, "2026.xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(sources, EvaluationDir), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sources, EvaluationDir, "2026.xlsx"), b, 0o644); err != nil {
			t.Fatal(err)
		}
		evals, probs := ReadEvaluations(c, sources, 2026, nil)
		if len(probs) > 0 || len(evals) != 1 || len(evals[0].Values) != 2 {
			t.Fatalf("%s: %v, %+v", dir, probs, evals)
		}
		v := evals[0].Values
		got := show(v[0].ShownValue() + " | " + v[0].ShownTarget() + " | " + v[1].ShownValue() + " | " + v[1].ShownTarget())
		want := show("92" + nbsp + "% | 95" + nbsp + "% | 1" + nnbsp + "234 | 1" + nnbsp + "500")
		if got != want {
			t.Errorf("%s: printed %s, want %s", dir, got, want)
		}
		if v[0].Value != 92 || v[0].Target != 95 || v[1].Value != 1234 {
			t.Errorf("%s: numbers %v %v %v, want 92 95 1234", dir, v[0].Value, v[0].Target, v[1].Value)
		}
	}
}

// TestExcelBuiltinFormats: Excel names its common formats by number only
// (14 the short date, 15 d-mmm-yy, 22 date and time, 10 0.00 %, 4
// #,##0.00); they print in French too.
func TestExcelBuiltinFormats(t *testing.T) {
	path := filepath.Join(t.TempDir(), "excel.xlsx")
	f := excelize.NewFile()
	const sheet = "Sheet1"
	_ = f.SetCellStr(sheet, "A1", "Format")
	_ = f.SetCellStr(sheet, "B1", "Valeur")
	cases := []struct {
		id   int
		v    float64
		want string
	}{
		{14, 45727, "11/03/2025"},
		{15, 45727, "11 mars 2025"},
		{22, 45727.6041666667, "11/03/2025 14:30"},
		{10, 0.142, "14,20" + nbsp + "%"},
		{4, 1234567.5, "1" + nnbsp + "234" + nnbsp + "567,50"},
		{12, 0.5, "0,5"},
	}
	for i, c := range cases {
		row := i + 2
		style, err := f.NewStyle(&excelize.Style{NumFmt: c.id})
		if err != nil {
			t.Fatal(err)
		}
		a, _ := excelize.CoordinatesToCellName(1, row)
		b, _ := excelize.CoordinatesToCellName(2, row)
		_ = f.SetCellInt(sheet, a, int64(c.id))
		_ = f.SetCellFloat(sheet, b, c.v, -1, 64)
		if err := f.SetCellStyle(sheet, b, b, style); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	var probs diag.List
	wb := openFixture(t, path, &probs)
	tb := wb.sheet(sheet, []string{"Format", "Valeur"}, &probs)
	for i, c := range cases {
		if got := tb.get(i, "Valeur"); got != c.want {
			t.Errorf("format n° %d prints %q, want %q", c.id, show(got), show(c.want))
		}
	}
	want := "avertissement : excel.xlsx, feuille « Sheet1 », cellule B7 : format de nombre « # ?/? » non pris en charge : la cellule s'imprime « 0,5 » ; attendu un format de date, de nombre ou de pourcentage simple"
	if got := probs.Dedup().Error(); got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
}

// TestDateTextAndBooleanCells: a date stored as ISO text (t="d", as some
// programs write them) prints as a date in French; a boolean prints as
// before.
func TestDateTextAndBooleanCells(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.xlsx")
	f := excelize.NewFile()
	const sheet = "Sheet1"
	_ = f.SetCellStr(sheet, "A1", "Cas")
	_ = f.SetCellStr(sheet, "B1", "Valeur")
	_ = f.SetCellStr(sheet, "A2", "date ISO")
	_ = f.SetCellFloat(sheet, "B2", 1, -1, 64)
	long, _ := f.NewStyle(&excelize.Style{CustomNumFmt: strPtr("[$-409]dddd, mmmm d, yyyy")})
	_ = f.SetCellStyle(sheet, "B2", "B2", long)
	_ = f.SetCellStr(sheet, "A3", "booléen")
	_ = f.SetCellBool(sheet, "B3", true)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	sourcetest.EditPart(t, path, "xl/worksheets/sheet1.xml", func(s string) string {
		return strings.Replace(s, `<c r="B2" s="1"><v>1</v></c>`, `<c r="B2" s="1" t="d"><v>2025-03-11T00:00:00Z</v></c>`, 1)
	})
	var probs diag.List
	wb := openFixture(t, path, &probs)
	tb := wb.sheet(sheet, []string{"Cas", "Valeur"}, &probs)
	if tb == nil {
		t.Fatal(probs)
	}
	if got := tb.get(0, "Valeur"); got != "mardi 11 mars 2025" {
		t.Errorf("ISO date prints %q, want « mardi 11 mars 2025 »", got)
	}
	if got := tb.get(1, "Valeur"); got != "TRUE" {
		t.Errorf("boolean prints %q, want TRUE as before", got)
	}
}

func strPtr(s string) *string { return &s }

// TestIntegerWithThousands: a whole number whose format groups thousands
// (« 1 234 ») is still a whole number.
func TestIntegerWithThousands(t *testing.T) {
	path := filepath.Join(t.TempDir(), "n.xlsx")
	f := excelize.NewFile()
	const sheet = "Sheet1"
	_ = f.SetCellStr(sheet, "A1", "Participants")
	_ = f.SetCellInt(sheet, "A2", 1234)
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 3})
	_ = f.SetCellStyle(sheet, "A2", "A2", style)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	var probs diag.List
	wb := openFixture(t, path, &probs)
	tb := wb.sheet(sheet, []string{"Participants"}, &probs)
	if n := tb.integer(0, "Participants", &probs); n != 1234 || len(probs) > 0 {
		t.Errorf("« %s » read as %d (%v), want 1234", show(tb.get(0, "Participants")), n, probs)
	}
}
