package source

import (
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/frgram"
	"github.com/contrat-local-sante/cls/internal/model"
)

// readSignatories reads the sheet « Signataires ». Its columns « Article »
// and « Genre » are optional, and may be absent from older workbooks: most
// names say their own grammar (« La Communauté… », « Département… »), and
// check warns of those that do not.
func readSignatories(c *model.Contract, wb *workbook, probs *diag.List) {
	t := wb.sheet("Signataires", []string{"Institution", "Représentée par", "Nom", "Fonction", "Partie"}, probs)
	if t == nil {
		return
	}
	for i := range t.rows {
		s := model.Signatory{
			Institution:    t.required(i, "Institution", probs),
			Representation: t.required(i, "Représentée par", probs),
			Name:           t.required(i, "Nom", probs),
			Title:          t.required(i, "Fonction", probs),
			Party:          t.get(i, "Partie"),
			Cell:           t.ref(i, "Institution"),
		}
		if v := t.get(i, "Article"); v != "" {
			a, ok := frgram.ParseArticle(v)
			if !ok {
				probs.Errorf(wb.name, t.sheet, t.ref(i, "Article"), "article « %s » inconnu ; attendu la, le, l', les ou aucun (ou une cellule vide : l'article est alors tiré du nom)", v)
			}
			s.Article = a
		}
		if v := t.get(i, "Genre"); v != "" {
			g, ok := frgram.ParseGender(v)
			if !ok {
				probs.Errorf(wb.name, t.sheet, t.ref(i, "Genre"), "genre « %s » inconnu ; attendu f (féminin) ou m (masculin), ou une cellule vide", v)
			}
			s.Gender = g
		}
		c.Signatories = append(c.Signatories, s)
	}
}
