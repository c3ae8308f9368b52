package check

import (
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/model"
)

// checkContexts warns about a « Titre du contexte » typed for a fiche that
// has no context page (templates/fiches/CODE.md): the title is only printed
// above that page, so without it the coordinator's title silently vanishes.
func checkContexts(c *model.Contract) diag.List {
	var probs diag.List
	for _, f := range c.Fiches {
		if f.ContextTitle == "" || f.Code == "" {
			continue
		}
		name := "fiches/" + f.Code + ".md"
		if _, ok := c.TemplateFiles[name]; ok {
			continue
		}
		probs.Warnf(c.Files.Fiches, "Fiches", f.ContextCell, "titre du contexte « %s » sans page de contexte : %s/%s est introuvable ; attendu ce fichier (le texte du contexte de la fiche %s), ou la cellule vide ; le titre n'est pas imprimé", f.ContextTitle, c.Files.Templates, name, f.Code)
	}
	return probs
}
