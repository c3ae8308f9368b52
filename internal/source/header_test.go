package source

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/contrat-local-sante/cls/internal/diag"
)

// actorsSheet writes a workbook whose « Acteurs » sheet holds the given
// rows from A1, merges A1:C1 when merge is set (a title across the table,
// as a coordinator lays it out), and opens it.
func actorsSheet(t *testing.T, merge bool, rows ...[]any) (*workbook, *diag.List) {
	t.Helper()
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", "Acteurs"); err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Acteurs", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if merge {
		if err := f.MergeCell("Acteurs", "A1", "C1"); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "acteurs.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	probs := &diag.List{}
	w := openWorkbook(path, "sources/acteurs.xlsx", nil, probs)
	if w == nil {
		t.Fatalf("not opened: %v", *probs)
	}
	t.Cleanup(w.close)
	return w, probs
}

var actorHeaders = []string{"Acteur", "Rôle", "Commune"}

func messages(probs *diag.List) string {
	var b strings.Builder
	for _, p := range *probs {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}

// A merged title above the header is accepted: the header is found under
// it and every cell is reported at its real place in the sheet.
func TestTitleRowAboveHeaderIsAccepted(t *testing.T) {
	w, probs := actorsSheet(t, true,
		[]any{"Liste des acteurs"},
		[]any{},
		[]any{"Acteur", "Rôle", "Commune"},
		[]any{"CPAM", "", "Lisieux"},
		[]any{"ARS", "Financeur", "Caen"},
	)
	tb := w.sheet("Acteurs", actorHeaders, probs)
	if tb == nil || len(*probs) > 0 {
		t.Fatalf("sheet refused:\n%s", messages(probs))
	}
	if tb.len() != 2 || tb.get(0, "Acteur") != "CPAM" || tb.get(1, "Commune") != "Caen" {
		t.Fatalf("rows read: %q", tb.rows)
	}
	tb.required(0, "Rôle", probs)
	if got := messages(probs); !strings.Contains(got, "cellule B4") {
		t.Errorf("empty cell reported as %q, want cellule B4 (its place in the sheet)", got)
	}
}

// Several filled cells above the header are not a title but data typed in
// the wrong place: refused, with what that row holds.
func TestDataRowAboveHeaderIsRefused(t *testing.T) {
	w, probs := actorsSheet(t, false,
		[]any{"CPAM", "Financeur", "Lisieux"},
		[]any{"Acteur", "Rôle", "Commune"},
		[]any{"ARS", "Financeur", "Caen"},
	)
	if tb := w.sheet("Acteurs", actorHeaders, probs); tb != nil {
		t.Fatalf("sheet accepted with a data row above its header: %q", tb.rows)
	}
	got := messages(probs)
	for _, want := range []string{"ligne 1", "« CPAM », « Financeur », « Lisieux »", "au-dessus de la ligne d'en-têtes (ligne 2)"} {
		if !strings.Contains(got, want) {
			t.Errorf("message %q lacks %q", got, want)
		}
	}
}

// A header further down than the search reaches is not guessed: the
// message says what row 1 holds and where the headers are expected.
func TestHeaderNotFoundSaysWhatRowOneHolds(t *testing.T) {
	w, probs := actorsSheet(t, true,
		[]any{"Liste des acteurs"}, []any{}, []any{}, []any{}, []any{},
		[]any{"Acteur", "Rôle", "Commune"},
		[]any{"ARS", "Financeur", "Caen"},
	)
	if tb := w.sheet("Acteurs", actorHeaders, probs); tb != nil {
		t.Fatal("header on row 6 accepted")
	}
	got := messages(probs)
	for _, want := range []string{"ligne 1", "la ligne 1 contient « Liste des acteurs »", "Acteur | Rôle | Commune sur la ligne 1"} {
		if !strings.Contains(got, want) {
			t.Errorf("message %q lacks %q", got, want)
		}
	}
}

// Under a title, a header lacking a column is named as before, on its own
// row.
func TestMissingColumnUnderTitleIsReportedOnTheHeaderRow(t *testing.T) {
	w, probs := actorsSheet(t, true,
		[]any{"Liste des acteurs"},
		[]any{"Acteur", "Fonction", "Commune"},
		[]any{"ARS", "Financeur", "Caen"},
	)
	if tb := w.sheet("Acteurs", actorHeaders, probs); tb != nil {
		t.Fatal("header without « Rôle » accepted")
	}
	if got := messages(probs); !strings.Contains(got, "ligne 2 : colonne « Rôle » absente de la ligne d'en-têtes") {
		t.Errorf("got %q", got)
	}
}
