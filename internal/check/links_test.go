package check

import (
	"testing"

	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// The shortcut that skips the regular expression must never skip a text
// that holds an address: it would be read as sigles.
func TestMayHoldLinkNeverMissesAnAddress(t *testing.T) {
	texts := []string{
		"", "ARS", "voir https://sante.gouv.fr/IMG/ARS.pdf", "HTTP://EXEMPLE.FR/CPTS",
		"www.ars.sante.fr/CLS", "WwW.Lisieux.FR", "site : WWW.CPTS.FR.", "ftp://x.fr/ORS",
		"a.b.c www", "w.w.w.", "ww.", ".www", "x.www.y", "httpſ://x.fr/ARS", "Vu l'ARS. Le CLS.",
	}
	for _, s := range texts {
		if link.MatchString(s) && !textnorm.MayHoldAddress(s) {
			t.Errorf("textnorm.MayHoldAddress(%q) = false, but the text holds %q", s, link.FindString(s))
		}
	}
	if textnorm.MayHoldAddress("L'ARS et la CPAM. Le CLS de Lisieux.") {
		t.Errorf("a text without address should skip the regular expression")
	}
}

func FuzzMayHoldLink(f *testing.F) {
	f.Add("voir www.ars.fr")
	f.Add("HTTPS://X.FR")
	f.Fuzz(func(t *testing.T, s string) {
		if link.MatchString(s) && !textnorm.MayHoldAddress(s) {
			t.Errorf("textnorm.MayHoldAddress(%q) = false, but the text holds %q", s, link.FindString(s))
		}
		if got := withoutLinks(s); len(got) != len(s) {
			t.Errorf("withoutLinks changed the length of %q", s)
		}
	})
}
