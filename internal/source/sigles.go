package source

import (
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/model"
)

// Optional sheets of sigles.xlsx beside the signed list « Sigles ».
const (
	// OtherSiglesSheet holds sigles the contract uses and explains (for
	// the check, and for readers of the accessible PDF) without printing
	// them in the list: a signed list stays as it was signed.
	OtherSiglesSheet = "Autres sigles"
	// CapitalWordsSheet holds words written in capitals that are not
	// sigles (a name such as « SOS Incurie »).
	CapitalWordsSheet = "Mots en capitales"
)

// readMoreSigles reads the optional sheets of sigles.xlsx. seen maps each
// sigle of the sheet « Sigles » to its cell: a word belongs to one sheet,
// once.
func readMoreSigles(c *model.Contract, wb *workbook, seen map[string]string, probs *diag.List) {
	where := map[string]string{}
	for s, ref := range seen {
		where[s] = "feuille « Sigles », " + ref
	}
	dup := func(t *table, i int, col, word string) bool {
		if prev, ok := where[word]; ok {
			probs.Errorf(wb.name, t.sheet, t.ref(i, col), "« %s » figure déjà dans ce classeur (%s) ; attendu une seule ligne par mot, dans une seule feuille", word, prev)
			return true
		}
		where[word] = "feuille « " + t.sheet + " », " + t.ref(i, col)
		return false
	}
	if _, ok := wb.find(OtherSiglesSheet); ok {
		if t := wb.sheet(OtherSiglesSheet, []string{"Sigle", "Définition"}, probs); t != nil {
			for i := range t.rows {
				s := model.Sigle{Sigle: t.required(i, "Sigle", probs), Definition: t.required(i, "Définition", probs), Cell: t.ref(i, "Sigle")}
				if s.Sigle != "" && !dup(t, i, "Sigle", s.Sigle) {
					c.OtherSigles = append(c.OtherSigles, s)
				}
			}
		}
	}
	if _, ok := wb.find(CapitalWordsSheet); ok {
		if t := wb.sheet(CapitalWordsSheet, []string{"Mot"}, probs); t != nil {
			for i := range t.rows {
				w := model.CapitalWord{Word: t.required(i, "Mot", probs), Cell: t.ref(i, "Mot")}
				if w.Word != "" && !dup(t, i, "Mot", w.Word) {
					c.CapitalWords = append(c.CapitalWords, w)
				}
			}
		}
	}
}
