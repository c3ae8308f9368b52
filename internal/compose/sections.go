package compose

import (
	"fmt"
	"sort"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/model"
)

// dispositifs writes each échelon with its intro and its dispositifs, each
// dispositif's text coming from its own template.
func (k *composer) dispositifs() []doc.Block {
	var out []doc.Block
	for li, lv := range k.c.Levels {
		out = append(out, k.heading(doc.Heading{Level: 2, Text: []doc.Inline{{Text: frenchSpaces(lv.Name)}}}))
		if lv.Intro != "" {
			out = append(out, cellBlocks(lv.Intro)...)
		}
		for di, d := range lv.Dispositifs {
			out = append(out, k.heading(doc.Heading{Level: 3, Text: []doc.Inline{{Text: frenchSpaces(d.Name)}}, Anchor: k.dispositifAnchor(li, di)}))
			if d.Text == "" {
				continue
			}
			t, ok := k.c.TemplateFiles[d.Text]
			if !ok {
				continue // reported by the check stage
			}
			out = append(out, k.template(t, 2)...)
		}
	}
	return out
}

// signatures builds the signature page: the signatories, then the members of
// the comité de pilotage present.
func (k *composer) signatures() doc.SignaturePage {
	sp := doc.SignaturePage{FieldName: k.c.Labels.Get("signatures.champ")}
	var sig []doc.Person
	for _, s := range k.c.Signatories {
		sig = append(sig, doc.Person{Name: s.Name, Title: s.Title})
	}
	sp.Groups = append(sp.Groups, doc.SignatureGroup{Title: k.word("signatures.signataires"), Columns: 2, People: sig})
	var present []doc.Person
	for _, p := range k.c.Present {
		present = append(present, doc.Person{Name: p.Name, Title: p.Title})
	}
	if len(present) > 0 {
		sp.Groups = append(sp.Groups, doc.SignatureGroup{Title: k.word("signatures.presents"), Columns: 2, People: present})
	}
	return sp
}

// sigles lists the sigles sorted in French order under letter headings.
func (k *composer) sigles() []doc.Block {
	sig := append([]model.Sigle(nil), k.c.Sigles...)
	col := collate.New(language.French, collate.IgnoreCase, collate.IgnoreDiacritics)
	sort.SliceStable(sig, func(i, j int) bool { return col.CompareString(sig[i].Sigle, sig[j].Sigle) < 0 })
	var out []doc.Block
	var table *doc.Table
	letter := ""
	flush := func() {
		if table != nil {
			out = append(out, *table)
		}
	}
	for _, s := range sig {
		l := initial(s.Sigle)
		if l != letter {
			flush()
			letter = l
			out = append(out, doc.Heading{Level: 3, Text: []doc.Inline{{Text: l}}, Anchor: k.slug("sigles-" + l)})
			table = &doc.Table{Widths: []float64{1, 4}, Borderless: true, Role: doc.RoleLayoutTable}
		}
		table.Rows = append(table.Rows, doc.Row{Cells: []doc.Cell{
			{Blocks: []doc.Block{para(s.Sigle, doc.Bold)}},
			{Blocks: []doc.Block{para(s.Definition, 0)}},
		}})
	}
	flush()
	return out
}

// initial is the letter a sigle is filed under, without its accent.
func initial(s string) string {
	for _, r := range strings.ToUpper(s) {
		switch r {
		case 'É', 'È', 'Ê', 'Ë':
			return "E"
		case 'À', 'Â':
			return "A"
		case 'Œ':
			return "O"
		}
		return string(r)
	}
	return "?"
}

// dispositifAnchor is the anchor of a dispositif's heading, shared by the
// overview diagram's links and the heading itself.
func (k *composer) dispositifAnchor(level, i int) string {
	return k.anchorFor(fmt.Sprintf("dispositif-%d-%d", level, i), "dispositif-"+k.c.Levels[level].Dispositifs[i].Name)
}
