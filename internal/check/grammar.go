package check

import (
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/frgram"
	"github.com/contrat-local-sante/cls/internal/model"
)

// checkGrammar warns of the names whose article or gender cannot be
// decided: the templates' « de », « à », « le » and « accord » would then
// write the name bare (« de Intercom… ») and agree in the masculine. It
// says which column or key settles it. A warning, not an error: the
// contract still builds, and a town (« Bernay ») rightly takes no article.
func checkGrammar(c *model.Contract) diag.List {
	var probs diag.List
	if c.Territory.Name != "" {
		n := c.Territory.Noun()
		switch {
		case !n.ArticleKnown():
			probs.Warnf(c.Territory.Origin, "", "", "territoire.nom : article de « %s » indéterminé ; attendu territoire.article : la, le, l', les ou aucun", c.Territory.Name)
		case !n.GenderKnown() && (n.Plural() || n.Article == frgram.Elided):
			probs.Warnf(c.Territory.Origin, "", "", "territoire.nom : genre de « %s » indéterminé ; attendu territoire.genre : f ou m", c.Territory.Name)
		}
	}
	for _, s := range c.Signatories {
		if s.Institution == "" {
			continue // reported as an empty cell
		}
		n := s.Noun()
		switch {
		case !n.ArticleKnown():
			probs.Warnf(c.Files.Contrat, "Signataires", s.Cell, "article de « %s » indéterminé ; attendu la, le, l', les ou aucun dans la colonne « Article »", s.Institution)
		case !n.GenderKnown():
			// « représentée par » agrees with the institution
			probs.Warnf(c.Files.Contrat, "Signataires", s.Cell, "genre de « %s » indéterminé (« représenté » ou « représentée » ?) ; attendu f ou m dans la colonne « Genre »", s.Institution)
		}
	}
	return probs
}
