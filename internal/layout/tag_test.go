package layout

import (
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// tagOf returns the role of the element the page's i-th item belongs to,
// "" for an artifact.
func tagOf(res *Result, p Page, i int) string {
	if i >= len(p.Tags) || p.Tags[i] == 0 {
		return ""
	}
	return res.Elements[p.Tags[i]-1].Role
}

func TestBodyTextIsTaggedAndFurnitureIsNot(t *testing.T) {
	rows := []doc.Row{{Cells: []doc.Cell{cell("Colonne"), cell("Valeur")}}}
	for i := 0; i < 80; i++ {
		rows = append(rows, doc.Row{Cells: []doc.Cell{cell("ligne"), cell("donnée")}})
	}
	d := &doc.Document{
		Meta: doc.Meta{HeaderText: "EnTeteCourant", FooterText: "PiedDePage"},
		Blocks: []doc.Block{
			doc.Heading{Level: 1, Text: []doc.Inline{{Text: "Titre"}}},
			para("Un paragraphe."),
			doc.Table{Widths: []float64{1, 1}, HeaderRows: 1, Rows: rows},
		},
	}
	res, err := Layout(d, testGeometry(), DefaultTheme(), fixedMeasurer{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) < 2 {
		t.Fatalf("the table should span pages, got %d", len(res.Pages))
	}
	headers := 0
	for n, p := range res.Pages {
		for i, it := range p.Items {
			tx, ok := it.(doc.Text)
			if !ok {
				continue
			}
			role := tagOf(res, p, i)
			switch {
			case strings.Contains(tx.Text, "EnTeteCourant") || strings.Contains(tx.Text, "PiedDePage"):
				if role != "" {
					t.Errorf("page %d: furniture %q tagged %s, want an artifact", n+1, tx.Text, role)
				}
			case tx.Text == "Titre":
				if role != "H1" {
					t.Errorf("heading tagged %q, want H1", role)
				}
			case tx.Text == "Colonne":
				if n == 0 && role != "TH" {
					t.Errorf("header cell tagged %q, want TH", role)
				}
				if n > 0 && role != "" {
					t.Errorf("page %d: repeated header tagged %q, want an artifact", n+1, role)
				}
				headers++
			case tx.Text == "donnée":
				if role != "TD" {
					t.Errorf("page %d: data cell tagged %q, want TD", n+1, role)
				}
			}
		}
	}
	if headers < 2 {
		t.Errorf("header drawn %d times, want it repeated", headers)
	}
	for i, el := range res.Elements {
		if el.Parent >= i {
			t.Errorf("element %d (%s) has parent %d, made after it", i, el.Role, el.Parent)
		}
	}
}

func TestHeadingLevelsNeverSkip(t *testing.T) {
	h := func(level int, s string) doc.Heading { return doc.Heading{Level: level, Text: []doc.Inline{{Text: s}}} }
	res := layoutBlocks(t, h(1, "Sigles"), h(3, "A"), para("ARS"), h(2, "Suite"), h(3, "Fin"))
	var got []string
	for _, el := range res.Elements {
		if strings.HasPrefix(el.Role, "H") {
			got = append(got, el.Role)
		}
	}
	if want := "H1 H2 H2 H3"; strings.Join(got, " ") != want {
		t.Errorf("headings tagged %v, want %s", got, want)
	}
}

func TestListItemsAreLIWithLabelAndBody(t *testing.T) {
	l := doc.List{Items: []doc.ListItem{{Blocks: []doc.Block{para("un")}}, {Blocks: []doc.Block{para("deux")}}}}
	res := layoutBlocks(t, l)
	got := map[string]string{} // text → role
	for _, p := range res.Pages {
		for i, it := range p.Items {
			if tx, ok := it.(doc.Text); ok {
				got[tx.Text] = tagOf(res, p, i)
			}
		}
	}
	if got["un"] != "LBody" || got["deux"] != "LBody" || got["•"] != "Lbl" {
		t.Errorf("list drawn as %v, want items under LBody and bullets under Lbl", got)
	}
	lis := 0
	for _, el := range res.Elements {
		if el.Role == "LI" {
			lis++
			if res.Elements[el.Parent].Role != "L" {
				t.Errorf("LI under %s, want L", res.Elements[el.Parent].Role)
			}
		}
	}
	if lis != 2 {
		t.Errorf("%d LI elements, want 2", lis)
	}
}
