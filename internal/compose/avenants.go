package compose

import (
	"strconv"
	"strings"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/frdate"
	"github.com/contrat-local-sante/cls/internal/model"
)

// history is the avenants' history table: the initial version,
// then each avenant with its dates, object and the fiches it touched.
func (k *composer) history() []doc.Block {
	c := k.c
	t := doc.Table{Widths: []float64{2, 1.7, 1.7, 4, 2}, HeaderRows: 1, Role: doc.RoleGridTable}
	head := func(s string) doc.Cell { return doc.Cell{Blocks: []doc.Block{para(s, doc.Bold)}, Role: doc.RoleHead} }
	t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{head(k.word("historique.version")), head(k.word("historique.validation")), head(k.word("historique.signature")), head(k.word("historique.objet")), head(k.word("historique.fiches"))}})
	cell := func(s string) doc.Cell { return doc.Cell{Blocks: cellBlocks(s)} }
	n := k.initialFiches()
	t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{
		{Blocks: []doc.Block{para(k.word("historique.initial"), doc.Bold)}}, cell("–"), cell(c.Signature.Date),
		cell(k.words("historique.signature_initiale", "titre", strings.TrimSpace(c.Document.Title+" "+c.Document.Period), "lieu", c.Signature.Place)),
		cell(k.words(countKey(n, "historique.fiches_initiales_une", "historique.fiches_initiales"), "n", strconv.Itoa(n))),
	}})
	for _, a := range c.Avenants {
		var fiches []string
		if len(a.Added) > 0 {
			fiches = append(fiches, k.words("historique.ajoutees", "codes", strings.Join(a.Added, ", ")))
		}
		if len(a.Modified) > 0 {
			fiches = append(fiches, k.words("historique.modifiees", "codes", strings.Join(a.Modified, ", ")))
		}
		object := a.Object
		if a.Partners != "" {
			object += "\n" + k.words("historique.partenaires", "partenaires", a.Partners)
		}
		if a.Members != "" {
			object += "\n" + k.words("historique.membres", "membres", a.Members)
		}
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{
			{Blocks: []doc.Block{para(k.words("historique.avenant", "numero", strconv.Itoa(a.Number)), doc.Bold)}},
			cell(frdate.Words(a.CopilDate)), cell(frdate.Words(a.SignatureDate)), cell(object), cell(strings.Join(fiches, "\n")),
		}})
	}
	return []doc.Block{para(c.Version()+".", doc.Italic), t}
}

// initialFiches counts the fiches of the signed contract.
func (k *composer) initialFiches() int {
	n := 0
	for _, f := range k.c.Fiches {
		if f.AddedBy == 0 {
			n++
		}
	}
	return n
}

// avenantNote says which avenant added or last changed a fiche.
func (k *composer) avenantNote(f model.Fiche) string {
	if f.Avenant == 0 {
		return ""
	}
	date := ""
	for _, a := range k.c.Avenants {
		if a.Number == f.Avenant {
			date = frdate.Words(a.SignatureDate)
		}
	}
	key, dated := "fiche.ajoutee", "fiche.ajoutee_le"
	if f.Change == model.ChangeModified {
		key, dated = "fiche.modifiee", "fiche.modifiee_le"
	}
	if date != "" {
		key = dated
	}
	return k.words(key, "numero", strconv.Itoa(f.Avenant), "date", date)
}
