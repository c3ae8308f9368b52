package compose

import (
	"fmt"
	"strings"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/frdate"
	"github.com/contrat-local-sante/cls/internal/model"
)

// history is the "Historique des avenants" table: the initial version,
// then each avenant with its dates, object and the fiches it touched.
func (k *composer) history() []doc.Block {
	c := k.c
	t := doc.Table{Widths: []float64{2, 1.7, 1.7, 4, 2}, HeaderRows: 1, Size: 9}
	head := func(s string) doc.Cell { return doc.Cell{Blocks: []doc.Block{para(s, doc.Bold)}, Shade: &headShade} }
	t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{head("Version"), head("Validation du Comité de Pilotage"), head("Signature"), head("Objet"), head("Fiches actions")}})
	cell := func(s string) doc.Cell { return doc.Cell{Blocks: cellBlocks(s)} }
	t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{
		{Blocks: []doc.Block{para("Contrat initial", doc.Bold)}}, cell("–"), cell(c.Signature.Date),
		cell(fmt.Sprintf("Signature du %s à %s", strings.TrimSpace(c.Document.Title+" "+c.Document.Period), c.Signature.Place)),
		cell(fmt.Sprintf("%d fiches actions", k.initialFiches())),
	}})
	for _, a := range c.Avenants {
		var fiches []string
		if len(a.Added) > 0 {
			fiches = append(fiches, "Ajoutées : "+strings.Join(a.Added, ", "))
		}
		if len(a.Modified) > 0 {
			fiches = append(fiches, "Modifiées : "+strings.Join(a.Modified, ", "))
		}
		object := a.Object
		if a.Partners != "" {
			object += "\nPartenaires associés : " + a.Partners
		}
		if a.Members != "" {
			object += "\nMembres du Comité de Pilotage ajoutés : " + a.Members
		}
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{
			{Blocks: []doc.Block{para(fmt.Sprintf("Avenant n° %d", a.Number), doc.Bold)}},
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
			date = " du " + frdate.Words(a.SignatureDate)
		}
	}
	verb := "Fiche ajoutée"
	if f.Change == model.ChangeModified {
		verb = "Fiche modifiée"
	}
	return fmt.Sprintf("%s par l'avenant n° %d%s", verb, f.Avenant, date)
}
