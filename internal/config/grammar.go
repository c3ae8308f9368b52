package config

import (
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/frgram"
)

// checkGrammar checks territoire.article and territoire.genre: the words
// the templates put before the territory's name come from them, so a
// value that means nothing is refused rather than guessed.
func (c *Config) checkGrammar(probs *diag.List) {
	if _, ok := frgram.ParseArticle(c.Territoire.Article); !ok && !c.bad["territoire.article"] {
		probs.Errorf(c.Origin("territoire.article"), "", "", "territoire.article vaut « %s » ; attendu la, le, l', les ou aucun (ou rien : l'article est alors tiré du nom)", shorten(c.Territoire.Article))
	}
	if _, ok := frgram.ParseGender(c.Territoire.Genre); !ok && !c.bad["territoire.genre"] {
		probs.Errorf(c.Origin("territoire.genre"), "", "", "territoire.genre vaut « %s » ; attendu f (féminin) ou m (masculin), ou rien", shorten(c.Territoire.Genre))
	}
}

// TerritoryGrammar returns territoire.article and territoire.genre as
// frgram reads them; values refused by validation read as empty.
func (c *Config) TerritoryGrammar() (article string, gender frgram.Gender) {
	article, _ = frgram.ParseArticle(c.Territoire.Article)
	gender, _ = frgram.ParseGender(c.Territoire.Genre)
	return article, gender
}
