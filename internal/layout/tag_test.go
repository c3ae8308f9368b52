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

// readText is what a screen reader reads of the pages: the text items
// that are not artifacts, in drawing order, each followed by the space
// it carries.
func readText(res *Result) string {
	var b strings.Builder
	for _, p := range res.Pages {
		for i, it := range p.Items {
			if tx, ok := it.(doc.Text); ok && tagOf(res, p, i) != "" {
				b.WriteString(tx.Text)
				if tx.SpaceAfter {
					b.WriteString(" ")
				}
			}
		}
	}
	return b.String()
}

func TestReadTextKeepsItsSpaces(t *testing.T) {
	long := strings.Repeat("les soins de proximité ", 30) + "fin."
	just := doc.Paragraph{Align: doc.Justify, Text: []doc.Inline{{Text: long}}}
	nbsp := para("Axe\u00a01\u00a0: Accompagner")
	res := layoutBlocks(t, just, nbsp)
	got := readText(res)
	if want := strings.TrimSpace(long); !strings.Contains(got, want) {
		t.Errorf("justified paragraph read as\n%q\nwant it whole, words apart:\n%q", got, want)
	}
	if !strings.Contains(got, "Axe 1 : Accompagner") {
		t.Errorf("no-break spaces lost in reading: %q", got)
	}
	if strings.Contains(got, "  ") {
		t.Errorf("two spaces in a row read: %q", got)
	}
}

func TestSiglesCarryTheirExpansion(t *testing.T) {
	p := doc.Paragraph{Text: []doc.Inline{{Text: "Avec l'ARS, la CALN agit.", Expansions: []doc.Expansion{
		{Offset: 7, Length: 3, Text: "Agence Régionale de Santé"},
		{Offset: 15, Length: 4, Text: "Communauté d'Agglomération Lisieux Normandie"},
	}}}}
	res := layoutBlocks(t, p)
	spans := map[string]string{}
	for _, pg := range res.Pages {
		for i, it := range pg.Items {
			tx, ok := it.(doc.Text)
			if !ok || tagOf(res, pg, i) != "Span" {
				continue
			}
			el := res.Elements[pg.Tags[i]-1]
			spans[tx.Text] = el.E
			if res.Elements[el.Parent].Role != "P" {
				t.Errorf("Span %q under %s, want P", tx.Text, res.Elements[el.Parent].Role)
			}
		}
	}
	if spans["ARS"] != "Agence Régionale de Santé" || !strings.HasPrefix(spans["CALN"], "Communauté") || len(spans) != 2 {
		t.Errorf("sigle spans = %v, want ARS and CALN with their expansions", spans)
	}
	if got := readText(res); got != "Avec l'ARS, la CALN agit." {
		t.Errorf("read %q, want the sentence unchanged", got)
	}
}

func TestSommaireEntriesAreLinks(t *testing.T) {
	h := func(s, anchor string) doc.Heading {
		return doc.Heading{Level: 1, TOCLevel: 1, Anchor: anchor, Text: []doc.Inline{{Text: s}}}
	}
	res := layoutBlocks(t, doc.Sommaire{Title: "Sommaire"}, h("Préambule", "preambule"), para("Texte."), h("Diagnostic", "diag"))
	var tocis, links, titles int
	for _, el := range res.Elements {
		switch el.Role {
		case "TOCI":
			tocis++
		case "Link":
			links++
			if res.Elements[el.Parent].Role != "TOCI" {
				t.Errorf("Link under %s, want TOCI", res.Elements[el.Parent].Role)
			}
		case "H1":
			if el.Parent != -1 {
				t.Errorf("sommaire title under %s, want a heading beside the TOC", res.Elements[el.Parent].Role)
			}
			titles++
		}
	}
	if tocis != 2 || links != 2 || titles != 3 {
		t.Errorf("%d TOCI, %d Link, %d H1; want 2, 2, 3 (the sommaire's title and two headings)", tocis, links, titles)
	}
	for i, it := range res.Pages[0].Items {
		switch v := it.(type) {
		case doc.Text:
			role := tagOf(res, res.Pages[0], i)
			if v.Decor && role != "" {
				t.Errorf("dot leaders tagged %s, want an artifact", role)
			}
			if (v.Text == "Préambule" || v.Text == "Diagnostic") && role != "Link" {
				t.Errorf("entry %q tagged %q, want Link", v.Text, role)
			}
		case doc.Link:
			if !strings.HasPrefix(v.Contents, "Préambule") && !strings.HasPrefix(v.Contents, "Diagnostic") {
				t.Errorf("sommaire link described %q, want its title", v.Contents)
			}
		}
	}
}

func TestTableRowsGoInTHeadAndTBody(t *testing.T) {
	rows := []doc.Row{{Cells: []doc.Cell{cell("Colonne")}}, {Cells: []doc.Cell{cell("a")}}, {Cells: []doc.Cell{cell("b")}}}
	res := layoutBlocks(t, doc.Table{Widths: []float64{1}, HeaderRows: 1, Rows: rows})
	under := map[string][]string{}
	for _, el := range res.Elements {
		if el.Role == "TR" {
			p := res.Elements[el.Parent]
			under[p.Role] = append(under[p.Role], res.Elements[p.Parent].Role)
		}
	}
	if len(under["THead"]) != 1 || len(under["TBody"]) != 2 || under["THead"][0] != "Table" || under["TBody"][0] != "Table" {
		t.Errorf("rows grouped as %v, want 1 in THead and 2 in TBody, both under Table", under)
	}
}

func TestTickedBoxesSayTheirState(t *testing.T) {
	c := doc.Checkboxes{Items: []doc.Check{{Label: "Action renouvelée", Checked: true, Alt: "Action renouvelée : oui"}, {Label: "Nouvelle action", Alt: "Nouvelle action : non"}}}
	res := layoutBlocks(t, c)
	var got []string
	for _, p := range res.Pages {
		for i := range p.Items {
			if tagOf(res, p, i) == "Span" {
				got = append(got, res.Elements[p.Tags[i]-1].ActualText)
			}
		}
	}
	if strings.Join(got, " | ") != "Action renouvelée : oui | Nouvelle action : non" {
		t.Errorf("boxes read as %v", got)
	}
}

func TestLinksInTextAreLinkElements(t *testing.T) {
	p := doc.Paragraph{Text: []doc.Inline{{Text: "Voir "}, {Text: "le site", Link: "https://example.org"}, {Text: " ici."}}}
	res := layoutBlocks(t, p)
	for _, pg := range res.Pages {
		for i, it := range pg.Items {
			switch v := it.(type) {
			case doc.Link:
				if tagOf(res, pg, i) != "Link" {
					t.Errorf("link area tagged %q, want Link", tagOf(res, pg, i))
				}
			case doc.Text:
				if (v.Text == "le" || v.Text == "site") && tagOf(res, pg, i) != "Link" {
					t.Errorf("link word %q tagged %q, want Link", v.Text, tagOf(res, pg, i))
				}
			}
		}
	}
}
