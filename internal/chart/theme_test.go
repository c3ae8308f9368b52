package chart

import (
	"testing"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/theme"
)

// TestChartTextSizesComeFromTheTheme: the values over the bars are set at
// the theme's graphiques.taille_valeurs, not at a size of the chart
// package's own.
func TestChartTextSizesComeFromTheTheme(t *testing.T) {
	m, f := shippedFonts(t)
	spec := model.ChartSpec{ID: "medecins", Kind: model.ChartBars, Data: towns(), ValueAxis: "Nombre"}
	th := *theme.Defaults()
	th.ChartValue = 11
	fig, err := Figure(spec, 160, m, f, &th)
	if err != nil {
		t.Fatal(err)
	}
	// « 40 » is printed twice: on the value axis (label size) and over
	// its bar (value size)
	var sizes []float64
	for _, it := range fig.Items {
		if tx, ok := it.(doc.Text); ok && tx.Text == "40" {
			sizes = append(sizes, tx.Size)
		}
	}
	found := false
	for _, s := range sizes {
		found = found || s == 11
	}
	if !found {
		t.Errorf("« 40 » printed at %v pt, none at the theme's 11", sizes)
	}
}
