package compose

import (
	"fmt"
	"strings"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/frdate"
	"github.com/contrat-local-sante/cls/internal/model"
)

// ComposeAvenant builds avenant n as a document of its own: parties,
// visas, then articles saying what it adds or changes, drawn from the
// register and from the difference between the sources before it (old)
// and after it (c): new fiches in full, the changed fields of modified
// fiches (before → after), new partners and members; then the signature
// page. old may be nil when the avenant modifies no fiche.
func ComposeAvenant(c, old *model.Contract, n int, m Measurer, fonts chart.Fonts) (*doc.Document, diag.List) {
	k := newComposer(c, m, fonts)
	if n < 1 || n > len(c.Avenants) {
		if len(c.Avenants) == 0 {
			k.probs.Errorf(c.Files.Contrat, "Avenants", "", "avenant n° %d absent du registre, qui n'en contient aucun ; attendu une ligne par avenant dans la feuille « Avenants » (voir docs/sources.md, 6.2)", n)
		} else {
			k.probs.Errorf(c.Files.Contrat, "Avenants", "", "avenant n° %d absent du registre ; attendu un numéro entre 1 et %d", n, len(c.Avenants))
		}
		return nil, k.probs
	}
	a := c.Avenants[n-1]
	contract := strings.TrimSpace(c.Document.Title + " " + c.Document.Period)
	title := fmt.Sprintf("Avenant n° %d", a.Number)
	meta := k.meta()
	meta.Title = fmt.Sprintf("%s au %s – %s", title, contract, c.Territory.Name)
	meta.Subject = a.Object
	meta.HeaderText = fmt.Sprintf("%s au %s", title, contract)
	meta.FooterText = fmt.Sprintf("%s – signé le %s", title, frdate.Words(a.SignatureDate))
	if a.SignatureDate != "" {
		meta.CreationDate = a.SignatureDate
	}
	cv := k.cover()
	cv.Kicker = title + " au"
	cv.Footer = []string{
		"Validé par le Comité de Pilotage le " + frdate.Words(a.CopilDate),
		"Signé le " + frdate.Words(a.SignatureDate),
	}
	out := []doc.Block{cv}
	h := func(level int, s string) {
		out = append(out, k.heading(doc.Heading{Level: level, Text: []doc.Inline{{Text: frenchSpaces(s)}}}))
	}
	p := func(s string) { out = append(out, cellBlocks(s)...) }

	h(1, "Entre les parties")
	for _, s := range c.Signatories {
		p(fmt.Sprintf("- %s, représentée par %s,", s.Institution, s.Representation))
	}
	p("ci-après « les signataires ».")
	h(1, "Visas")
	var visas []string
	visas = append(visas, fmt.Sprintf("Vu le %s de la %s, signé à %s le %s ;", contract, c.Territory.Name, c.Signature.Place, c.Signature.Date))
	visas = append(visas, "Vu l'article 9 du cadre conventionnel, qui prévoit la révision du contrat par avenant ;")
	for _, prev := range c.Avenants[:n-1] {
		visas = append(visas, fmt.Sprintf("Vu l'avenant n° %d, signé le %s ;", prev.Number, frdate.Words(prev.SignatureDate)))
	}
	visas = append(visas, fmt.Sprintf("Vu la validation du Comité de Pilotage du %s ;", frdate.Words(a.CopilDate)))
	for _, v := range visas {
		p("- " + v)
	}
	p("Il est convenu ce qui suit :")

	art := 0
	article := func(title string) {
		art++
		h(2, fmt.Sprintf("Article %d : %s", art, title))
	}
	article("Objet de l'avenant")
	p(a.Object)

	fiches := map[string]model.Fiche{}
	for _, f := range c.Fiches {
		fiches[f.Code] = f
	}
	axes := map[string]model.Axe{}
	for _, x := range c.Axes {
		axes[x.Number] = x
	}
	if len(a.Added) > 0 {
		article("Fiches actions ajoutées")
		p(fmt.Sprintf("Le présent avenant ajoute au contrat %s, qui figure%s ci-après et dans la synthèse des fiches actions.",
			plural(len(a.Added), "la fiche action "+strings.Join(a.Added, ", "), "les fiches actions "+strings.Join(a.Added, ", ")), plural(len(a.Added), "", "nt")))
	}
	if len(a.Modified) > 0 {
		article("Fiches actions modifiées")
		if old == nil {
			k.probs.Errorf(c.Files.Contrat, "Avenants", "", "l'avenant n° %d modifie des fiches (%s) : attendu les sources d'avant l'avenant (option --avant : le contrat PDF signé précédent, ou son dossier) pour en dire les changements", n, strings.Join(a.Modified, ", "))
			return nil, k.probs
		}
		before := map[string]model.Fiche{}
		for _, f := range old.Fiches {
			before[f.Code] = f
		}
		for _, code := range a.Modified {
			f := fiches[code]
			h(3, fmt.Sprintf("Fiche %s – %s", code, f.Title))
			o, ok := before[code]
			if !ok {
				p("Cette fiche ne figurait pas dans la version précédente : elle est reproduite en entier ci-après.")
				a.Added = append(a.Added, code)
				continue
			}
			changes := model.FicheChanges(o, f)
			if len(changes) == 0 {
				p("Aucun champ de cette fiche ne diffère de la version précédente.")
				continue
			}
			t := doc.Table{Widths: []float64{2, 4, 4}, HeaderRows: 1, Size: 9}
			head := func(s string) doc.Cell { return doc.Cell{Blocks: []doc.Block{para(s, doc.Bold)}, Shade: &headShade} }
			t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{head("Rubrique"), head("Rédaction précédente"), head("Nouvelle rédaction")}})
			for _, ch := range changes {
				t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{label(upperFirst(ch.Name)), {Blocks: orNone(ch.Old)}, {Blocks: orNone(ch.New)}}})
			}
			out = append(out, t)
		}
	}
	if a.Partners != "" || a.Members != "" {
		article("Partenaires et Comité de Pilotage")
		if a.Partners != "" {
			p("Sont associés au contrat les partenaires suivants : " + a.Partners + ".")
		}
		if a.Members != "" {
			p("Rejoignent le Comité de Pilotage : " + a.Members + ".")
		}
	}
	article("Autres dispositions")
	p("Les autres dispositions du contrat et de ses avenants antérieurs demeurent inchangées. Le présent avenant prend effet à la date de sa signature ; la version consolidée du contrat l'intègre.")
	p(fmt.Sprintf("A %s, le %s", c.Signature.Place, frdate.Words(a.SignatureDate)))
	out = append(out, k.signatures())
	// the new fiches in full, as annexes
	for _, code := range a.Added {
		f := fiches[code]
		out = append(out, k.fiche(axes[f.Axe], f)...)
	}
	return &doc.Document{Meta: meta, Blocks: out}, k.probs
}

func plural(n int, one, many string) string {
	if n > 1 {
		return many
	}
	return one
}

func upperFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

func orNone(s string) []doc.Block {
	if strings.TrimSpace(s) == "" {
		return []doc.Block{para("(vide)", doc.Italic)}
	}
	return cellBlocks(s)
}
