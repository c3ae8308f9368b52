package compose

import (
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/model"
)

// frontParams are the parameters of the directive annexe: the annex's
// title (running header, PDF properties, its entry in the contract's
// sommaire when appended), its cover, and the état of a blank fiche.
var frontParams = []string{"titre", "surtitre", "titre-couverture", "sous-titre", "mention", "pied", "version", "sommaire", "non-renseignee"}

// settings reads the words of the directive annexe that the whole annex
// uses, before any other directive is expanded.
func (a *annex) settings(d directive, t model.Template) bool {
	if !a.params(d, t, frontParams...) {
		return false
	}
	a.title, a.blank = d.Params["titre"], d.Params["non-renseignee"]
	return true
}

// front is the directive annexe where it stands: on its own, the cover and
// the sommaire; after the contract, a new page with the annex's title and
// its mention (fictitious values).
func (a *annex) front(d directive) []doc.Block {
	p := d.Params
	if a.appended {
		out := []doc.Block{doc.PageBreak{}, a.k.heading(doc.Heading{Level: 1, Text: []doc.Inline{{Text: a.title}}})}
		if p["mention"] != "" {
			out = append(out, para(p["mention"], doc.Bold))
		}
		return out
	}
	cv := a.k.cover()
	cv.Kicker, cv.Title, cv.Subtitle = p["surtitre"], p["titre-couverture"], p["sous-titre"]
	cv.Footer = nil
	for _, s := range []string{p["pied"], p["version"]} {
		if s != "" {
			cv.Footer = append(cv.Footer, s)
		}
	}
	if p["mention"] != "" {
		cv.Lines = append(cv.Lines, p["mention"])
	}
	return []doc.Block{cv, doc.Sommaire{Title: p["sommaire"]}}
}
