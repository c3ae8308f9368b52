package compose

import (
	"github.com/contrat-local-sante/cls/internal/frgram"
	"github.com/contrat-local-sante/cls/internal/model"
)

// partyName is a signatory as the cover lists it (« Entre … et … »): its
// « Partie », or else its institution without the article, as the grammar
// reads it (« La Caisse primaire… » → « Caisse primaire… »), so that a
// Partie left empty still lists like the others, which name the party
// without article.
func partyName(s model.Signatory) string {
	if s.Party != "" {
		return s.Party
	}
	return frgram.Capitalize(s.Noun().Name)
}
