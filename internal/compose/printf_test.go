package compose

import (
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/model"
)

// TestPrintfRefusesWhatWouldPrintGoMarks: a format its values do not fit
// is a located French error, not « %!d(string=a) » in the contract; one
// that fits prints as before.
func TestPrintfRefusesWhatWouldPrintGoMarks(t *testing.T) {
	for text, want := range map[string]string{
		"# T\n\n{{ printf \"%d\" \"a\" }}\n":       "templates/01.md, ligne 3 : {{ printf … }} : le format « %d » ne convient pas à ses valeurs (1 donnée(s))",
		"# T\n\n{{ printf \"%s et %s\" \"a\" }}\n": "templates/01.md, ligne 3 : {{ printf … }} : le format « %s et %s » ne convient pas à ses valeurs (1 donnée(s))",
	} {
		_, probs := Compose(contract(model.Template{Name: "01.md", Path: "templates/01.md", Text: text}), runeMeasurer{}, chart.Fonts{})
		if msg := probs.Error(); !strings.Contains(msg, want) {
			t.Errorf("%q:\n got %s\nwant …%s…", text, msg, want)
		}
	}
	d, probs := Compose(contract(model.Template{Name: "01.md", Path: "templates/01.md", Text: "# T\n\n{{ printf \"%d fiches, %.1f %%\" 19 14.25 }}\n"}), runeMeasurer{}, chart.Fonts{})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	found := false
	d.Texts(func(_ string, s string) {
		found = found || strings.Contains(s, "19 fiches, 14,2") || strings.Contains(s, "19 fiches, 14.2")
	})
	if !found {
		t.Error("a fitting printf no longer prints")
	}
}
