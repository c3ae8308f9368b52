// Package check validates a contract model as a whole, after it has been
// read: cross-references between workbooks and templates, and what a
// signable contract cannot lack. It reports every problem, never stops at
// the first.
package check

import (
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/model"
)

// Check returns the problems of the contract.
func Check(c *model.Contract) diag.List {
	var probs diag.List
	if len(c.Signatories) == 0 && !c.Incomplete {
		probs.Errorf(c.Files.Contrat, "Signataires", "A2", "aucun signataire ; attendu au moins une ligne (le contrat est signé par au moins deux parties)")
	}
	probs = append(probs, checkGrammar(c)...)
	for _, lv := range c.Levels {
		for _, d := range lv.Dispositifs {
			if d.Text == "" {
				continue
			}
			if _, ok := c.TemplateFiles[d.Text]; !ok {
				probs.Errorf(c.Files.Contrat, "Dispositifs", "", "le texte « %s » du dispositif « %s » est introuvable dans le dossier des modèles ; attendu un fichier .md", d.Text, d.Name)
			}
		}
	}
	if c.Incomplete {
		// what follows infers problems from absences, which a sheet that
		// could not be read would fake
		return probs
	}
	axes := map[string]int{}
	for _, f := range c.Fiches {
		axes[f.Axe]++
	}
	for _, a := range c.Axes {
		if axes[a.Number] == 0 {
			probs.Warnf(c.Files.Fiches, "Axes", "", "l'axe %s « %s » n'a aucune fiche action", a.Number, a.Title)
		}
	}
	codes := map[string]bool{}
	for _, f := range c.Fiches {
		codes[f.Code] = true
	}
	for name := range c.TemplateFiles {
		if len(name) > 7 && name[:7] == "fiches/" {
			code := name[7 : len(name)-3]
			if len(code) > 4 && code[:4] == "axe-" {
				continue
			}
			if !codes[code] {
				probs.Warnf(c.Files.Templates+"/"+name, "", "", "ce contexte ne correspond à aucune fiche de %s (code « %s ») ; il n'est pas imprimé", c.Files.Fiches, code)
			}
		}
	}
	probs = append(probs, checkContexts(c)...)
	return append(probs, checkSigles(c)...)
}
